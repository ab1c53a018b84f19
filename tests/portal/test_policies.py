"""The exchange's policy pages: versions made on a material publish and not on a typo fix,
the version in force by its date, earlier versions still readable, and the footer (operator,
policy links, ministry badge) dropped from the caches when they change."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Site

from portal.policies import (
    ExchangeOperator,
    PolicyKind,
    PolicyPage,
    PolicyVersion,
    policy_url,
    version_in_force,
)
from portal.policies.models import PolicyPageForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def caches_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def make_policy(home, kind=PolicyKind.PRIVACY, *, title="Chính sách bảo mật", body="<p>Bản đầu tiên.</p>", slug=None):
    page = PolicyPage(title=title, slug=slug or kind.replace("_", "-"), kind=kind, body=body, locale=home.locale)
    home.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def republish(page, *, new_version=False, effective_from=None, **fields):
    page = PolicyPage.objects.get(pk=page.pk)
    page.new_version = new_version
    page.new_version_effective_from = effective_from
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, en_home, *, title, body):
    en_page = page.copy_for_translation(en_home.locale).specific
    en_page.title, en_page.slug, en_page.body = title, page.slug + "-en", body
    en_page.save_revision().publish()
    en_page.refresh_from_db()
    return en_page


def test_the_first_publish_makes_version_1_in_force_at_once(site_pages):
    home, _en = site_pages
    page = make_policy(home)
    version = version_in_force(PolicyKind.PRIVACY, language="vi")
    assert version is not None
    assert (version.page_id, version.number, version.kind, version.title) == (
        page.pk,
        1,
        "privacy",
        "Chính sách bảo mật",
    )
    assert version.revision_id == page.live_revision_id
    assert timezone.is_aware(version.effective_from) and version.effective_from <= timezone.now()


def test_a_typo_fix_makes_no_version_and_a_material_change_does(site_pages):
    home, _en = site_pages
    page = make_policy(home)
    republish(page, body="<p>Bản đầu tiền.</p>")  # a typo fix: the box left empty
    assert list(page.versions.values_list("number", flat=True)) == [1]

    page = republish(page, new_version=True, body="<p>Thêm quyền rút lại sự đồng ý.</p>")
    assert list(page.versions.values_list("number", flat=True)) == [1, 2]
    second = page.versions.get(number=2)
    assert second.revision_id == page.live_revision_id
    assert version_in_force(PolicyKind.PRIVACY, language="vi") == second


def test_the_admin_form_starts_with_the_new_version_box_empty(site_pages):
    home, _en = site_pages
    page = republish(make_policy(home), new_version=True)  # the latest revision has the box ticked
    form_class = PolicyPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, PolicyPageForm)
    form = form_class(instance=page.get_latest_revision_as_object(), for_user=None)
    assert form.initial["new_version"] is False and form.initial["new_version_effective_from"] is None


def test_a_future_version_is_in_force_only_from_its_date(site_pages, client):
    home, _en = site_pages
    page = make_policy(home)
    starts = timezone.now() + timedelta(days=10)
    page = republish(page, new_version=True, effective_from=starts, body="<p>Bản sửa đổi.</p>")

    first, second = page.versions.order_by("number")
    assert version_in_force(PolicyKind.PRIVACY, language="vi") == first
    assert version_in_force(PolicyKind.PRIVACY, at=starts - timedelta(seconds=1), language="vi") == first
    assert version_in_force(PolicyKind.PRIVACY, at=starts, language="vi") == second
    assert version_in_force(PolicyKind.PRIVACY, at=timezone.now() - timedelta(days=1), language="vi") is None

    html = client.get(page.url).content.decode()
    assert "Bản sửa đổi." in html
    assert f'href="{first.get_url()}"' in html  # links to the version still in force


def test_an_earlier_version_is_shown_as_it_was_published(site_pages, client):
    home, _en = site_pages
    page = make_policy(home, body="<p>Người bán trả lời trong 5 ngày.</p>")
    page = republish(
        page, new_version=True, title="Chính sách bảo mật (sửa)", body="<p>Người bán trả lời trong 3 ngày.</p>"
    )
    first = page.versions.get(number=1)

    response = client.get(first.get_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Người bán trả lời trong 5 ngày." in html and "3 ngày" not in html
    assert "Chính sách bảo mật" in html
    with translation.override("vi"):
        assert date_format(timezone.localtime(first.effective_from), "DATETIME_FORMAT") in html

    current = client.get(page.url).content.decode()
    assert "Người bán trả lời trong 3 ngày." in current
    assert first.get_url() in current and page.versions.get(number=2).get_url() in current  # lists them
    assert client.get(page.url + "versions/9/").status_code == 404


def test_each_language_has_its_own_page_and_versions_and_falls_back_to_the_default(site_pages):
    home, en_home = site_pages
    page = make_policy(home)
    assert policy_url(PolicyKind.PRIVACY, "en") == page.url  # no English page yet: the Vietnamese one
    assert version_in_force(PolicyKind.PRIVACY, language="en").page_id == page.pk

    en_page = translate(page, en_home, title="Privacy policy", body="<p>First text.</p>")
    assert policy_url(PolicyKind.PRIVACY, "en") == en_page.url and en_page.url.startswith("/en/")
    assert policy_url(PolicyKind.PRIVACY, "vi") == page.url
    assert version_in_force(PolicyKind.PRIVACY, language="en").page_id == en_page.pk
    with translation.override("en"):
        assert version_in_force(PolicyKind.PRIVACY).page_id == en_page.pk
    assert policy_url(PolicyKind.RETURNS, "vi") == ""  # no page of that kind


def test_one_page_per_kind_and_language(site_pages):
    home, _en = site_pages
    make_policy(home)
    with pytest.raises(ValidationError):
        make_policy(home, slug="bao-mat-2")
    assert PolicyVersion.objects.count() == 1


def test_the_ministry_link_must_be_on_online_gov_vn(site_pages):
    operator = ExchangeOperator.for_site(Site.objects.get(is_default_site=True))
    operator.ministry_registration_url = "https://example.com/badge"
    with pytest.raises(ValidationError):
        operator.full_clean()
    operator.ministry_registration_url = "http://online.gov.vn/Home/WebDetails/12345"
    operator.full_clean()


def _operator(**fields) -> ExchangeOperator:
    operator = ExchangeOperator.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(operator, name, value)
    operator.save()
    return operator


def test_the_footer_names_the_operator_and_shows_the_badge_only_when_set(site_pages, client):
    home, en_home = site_pages
    _operator(
        legal_name="Trung tâm Xúc tiến Thanh Hóa",
        legal_name_en="Thanh Hóa Promotion Centre",
        address="35 Lê Lợi, Hạc Thành",
        phone="0237 385 0000",
        email="san@example.com",
        registration_number="2801234567",
        registration_issuer="Sở Tài chính",
        registration_issuer_en="Department of Finance",
        registration_date=timezone.localdate().replace(year=2025, month=8, day=15),
    )
    html = client.get(home.url).content.decode()
    assert "Trung tâm Xúc tiến Thanh Hóa" in html and "2801234567" in html and "Sở Tài chính" in html
    assert "15 tháng 8 năm 2025" in html and "san@example.com" in html and 'href="tel:02373850000"' in html
    assert "ministry-badge" not in html

    en_html = client.get(en_home.url).content.decode()
    assert "Thanh Hóa Promotion Centre" in en_html and "Department of Finance" in en_html
    assert "15 August 2025" in en_html  # the English date form, never 15/08/2025

    _operator(ministry_registration_url="http://online.gov.vn/Home/WebDetails/12345")
    html = client.get(home.url).content.decode()
    assert 'href="http://online.gov.vn/Home/WebDetails/12345"' in html
    assert 'alt="Đã đăng ký với Bộ Công Thương"' in html
    en_html = client.get(en_home.url).content.decode()
    assert 'alt="Registered with the Ministry of Industry and Trade"' in en_html


def test_the_footer_follows_operator_changes_with_the_caches_on(site_pages, client, caches_on):
    home, _en = site_pages
    _operator(legal_name="Đơn vị cũ")
    assert "Đơn vị cũ" in client.get(home.url).content.decode()
    assert "Đơn vị cũ" in client.get(home.url).content.decode()  # now from the caches

    _operator(legal_name="Đơn vị mới", ministry_registration_url="https://online.gov.vn/Home/WebDetails/1")
    html = client.get(home.url).content.decode()
    assert "Đơn vị mới" in html and "Đơn vị cũ" not in html and "ministry-badge" in html


def test_the_footer_follows_a_policy_publish_with_the_caches_on(site_pages, client, caches_on):
    home, en_home = site_pages
    page = make_policy(home, title="Chính sách bảo mật")
    html = client.get(home.url).content.decode()
    assert f'href="{page.url}">Chính sách bảo mật</a>' in html
    client.get(home.url)  # cached

    republish(page, title="Bảo vệ dữ liệu cá nhân")  # a typo-level change is published too
    html = client.get(home.url).content.decode()
    assert f'href="{page.url}">Bảo vệ dữ liệu cá nhân</a>' in html

    # The English footer links to the Vietnamese page until the translation is published.
    assert f'href="{page.url}"' in client.get(en_home.url).content.decode()
    en_page = translate(page, en_home, title="Privacy policy", body="<p>Text.</p>")
    assert f'href="{en_page.url}">Privacy policy</a>' in client.get(en_home.url).content.decode()

    page.unpublish()
    assert f'href="{page.url}"' not in client.get(home.url).content.decode()


def test_editors_get_the_version_box_and_the_operator_settings_in_the_admin(site_pages, client):
    from django.contrib.auth import get_user_model

    home, _en = site_pages
    admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "changeme")
    client.force_login(admin)
    add = client.get(f"/admin/pages/add/portal/policypage/{home.pk}/")
    assert add.status_code == 200
    assert 'name="new_version"' in add.content.decode() and 'name="new_version_effective_from"' in add.content.decode()

    site = Site.objects.get(is_default_site=True)
    response = client.get(f"/admin/settings/portal/exchangeoperator/{site.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="ministry_registration_url"' in html and 'name="is_demo"' in html
