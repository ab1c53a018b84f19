"""What consumers see of traceability outside the trace page, and what they can send back."""

import datetime

import pytest

from catalogue.permissions import MODERATORS_GROUP

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_shop")]


def _new_batch(shop, lot, day, **extra):
    from traceability.models import Batch

    return Batch.objects.create(
        product=shop.product,
        variant=shop.variant,
        lot_number=lot,
        production_date=datetime.date(2026, 10, day),
        quantity=10,
        unit="kg",
        **extra,
    )


def test_product_page_links_its_three_latest_active_lots_to_their_trace_pages(client, shop):
    older = [_new_batch(shop, f"LX-OLD-{day}", day) for day in (2, 3)]
    newest = _new_batch(shop, "LX-NEW", 9)
    _new_batch(shop, "LX-RECALLED", 20, status="recalled")

    html = client.get(shop.product_en.url).content.decode()

    assert "Traceable" in html
    for batch in (newest, *older):
        assert f'href="{batch.get_absolute_url()}"' in html
        assert batch.lot_number in html
    assert "LX-RECALLED" not in html  # a recalled lot is not offered as a proof of origin
    assert shop.batch.lot_number not in html  # the fourth most recent is left out
    assert html.index("LX-NEW") < html.index("LX-OLD-3") < html.index("LX-OLD-2")


def test_product_page_shows_its_gs1_digital_link_for_each_pack_with_a_gtin(client, shop):
    html = client.get(shop.product_en.url).content.decode()

    assert f'href="/01/{shop.variant.gtin}"' in html
    assert client.get(f"/01/{shop.variant.gtin}").status_code in (301, 302)


def test_product_page_says_traceable_in_vietnamese(client, shop):
    html = client.get(shop.product.url).content.decode()

    assert "Truy xuất được nguồn gốc" in html
    assert f"Lô {shop.batch.lot_number}" in html


def test_a_new_lot_drops_the_cached_product_detail(client, shop, settings, django_capture_on_commit_callbacks):
    settings.FRAGMENT_CACHE_SECONDS = 300
    assert "LX-LATER" not in client.get(shop.product_en.url).content.decode()
    before = _stock_version(shop.product_en)

    with django_capture_on_commit_callbacks(execute=True):
        _new_batch(shop, "LX-LATER", 15)

    assert _stock_version(shop.product_en) > before  # the key of its cached detail
    assert "LX-LATER" in client.get(shop.product_en.url).content.decode()


def test_a_recall_drops_the_lot_from_the_cached_product_detail(
    client, shop, settings, django_capture_on_commit_callbacks
):
    from traceability.services import recall_batch

    settings.FRAGMENT_CACHE_SECONDS = 300
    assert shop.batch.lot_number in client.get(shop.product_en.url).content.decode()
    before = _stock_version(shop.product_en)

    with django_capture_on_commit_callbacks(execute=True):
        recall_batch(shop.batch, "Mốc")

    assert _stock_version(shop.product_en) > before
    assert shop.batch.lot_number not in client.get(shop.product_en.url).content.decode()


def _stock_version(page) -> int:
    return type(page).objects.values_list("stock_version", flat=True).get(pk=page.pk)


def _give_photo(page, alt):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (600, 400), (200, 160, 40)).save(buffer, "PNG")
    image = get_image_model().objects.create(title="gạo", file=ImageFile(buffer, name="gao.png"))
    image.contextual_alt_text, image.decorative = alt, False
    page.gallery = [("image", image)]
    page.save_revision().publish()
    return image


def test_trace_page_shows_a_small_product_photo_with_alt_text_in_the_page_language(client, shop):
    _give_photo(shop.product, "Bao gạo Nàng Hương")
    _give_photo(shop.product_en, "A bag of Nang Huong rice")

    en = client.get(f"/t/{shop.batch.public_code}?lang=en").content.decode()
    vi = client.get(f"/t/{shop.batch.public_code}?lang=vi").content.decode()

    assert 'alt="A bag of Nang Huong rice"' in en and "fill-240x240" in en
    assert 'alt="Bao gạo Nàng Hương"' in vi


def test_trace_page_photo_costs_a_fixed_two_queries(client, shop, recorded_chain):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from traceability.trace_page import drop_cached_trace_pages

    url = f"/t/{shop.batch.public_code}?lang=en"
    client.get(url)  # process-wide caches (site root, locales)
    drop_cached_trace_pages(shop.batch.pk)
    with CaptureQueriesContext(connection) as without_photo:
        client.get(url)
    image = _give_photo(shop.product_en, "Rice")
    image.get_rendition("fill-240x240")  # made once, by the first visitor
    drop_cached_trace_pages(shop.batch.pk)
    with CaptureQueriesContext(connection) as with_photo:
        response = client.get(url)

    assert 'alt="Rice"' in response.content.decode()
    added = [q["sql"] for q in with_photo.captured_queries[len(without_photo) :]]
    assert len(with_photo) == len(without_photo) + 2, added  # the image and its prefetched rendition


def test_trace_page_links_to_the_report_form_without_a_form_of_its_own(client, shop):
    html = client.get(f"/t/{shop.batch.public_code}?lang=en").content.decode()

    assert f'href="/t/{shop.batch.public_code}/report/?lang=en"' in html
    assert "csrfmiddlewaretoken" not in html  # the page may be replayed from a cache to anyone


def _report_page(client, shop):
    response = client.get(f"/t/{shop.batch.public_code}/report/?lang=en")
    assert response.status_code == 200
    return response


def _moderator(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("mod", email="mod@example.vn", password="x")
    user.groups.add(Group.objects.get_or_create(name=MODERATORS_GROUP)[0])
    return user


def test_a_report_is_stored_and_mailed_to_the_producer_and_moderators(
    shop, django_user_model, mailoutbox, django_capture_on_commit_callbacks
):
    from django.test import Client

    from traceability.models import ProblemReport

    _moderator(django_user_model)
    shop.producer.email = "htx@example.vn"
    shop.producer.save_revision().publish()
    client = Client(enforce_csrf_checks=True)
    page = _report_page(client, shop)
    token = page.context["csrf_token"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/t/{shop.batch.public_code}/report/?lang=en",
            {
                "kind": "package",
                "message": "The seal of the bag was open.",
                "contact": "0912 345 678",
                "csrfmiddlewaretoken": str(token),
            },
        )

    assert response.status_code == 200 and b"report was sent" in response.content
    report = ProblemReport.objects.get()
    assert (report.batch, report.kind, report.contact) == (shop.batch, "package", "0912 345 678")
    assert len(mailoutbox) == 1
    # The producer and every active moderator: ours, and the demo's when the session loaded it.
    moderators = django_user_model.objects.filter(groups__name=MODERATORS_GROUP, is_active=True).exclude(email="")
    assert "mod@example.vn" in set(moderators.values_list("email", flat=True))
    assert set(mailoutbox[0].to) == {"htx@example.vn", *moderators.values_list("email", flat=True)}
    assert shop.batch.lot_number in mailoutbox[0].subject and "seal of the bag" in mailoutbox[0].body


def test_a_report_without_a_csrf_token_is_refused(shop):
    from django.test import Client

    from traceability.models import ProblemReport

    response = Client(enforce_csrf_checks=True).post(
        f"/t/{shop.batch.public_code}/report/", {"kind": "other", "message": "Something is wrong here."}
    )

    assert response.status_code == 403
    assert not ProblemReport.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "other", "message": "short"},
        {"kind": "nonsense", "message": "The rice smells of mould."},
        {"kind": "other", "message": "The rice\x00 smells of mould."},
        {"kind": "other", "message": "x" * 2001},
        {"kind": "other", "message": "The rice smells of mould.", "contact": "c" * 201},
    ],
)
def test_bad_report_input_is_a_400_and_nothing_is_stored(client, shop, data, mailoutbox):
    from traceability.models import ProblemReport

    response = client.post(f"/t/{shop.batch.public_code}/report/?lang=en", data)

    assert response.status_code == 400
    assert not ProblemReport.objects.exists() and not mailoutbox


def test_reports_for_an_unknown_code_are_a_404(client, shop):
    assert client.post("/t/NOPE123/report/", {"kind": "other", "message": "Nothing here at all."}).status_code == 404


def test_reports_are_rate_limited_per_address(client, shop, settings):
    from traceability.models import ProblemReport
    from traceability.views import REPORTS_PER_HOUR

    settings.RATELIMIT_ENABLED = True
    data = {"kind": "quality", "message": "The rice smells of mould."}
    codes = [client.post(f"/t/{shop.batch.public_code}/report/", data).status_code for _ in range(REPORTS_PER_HOUR + 1)]

    assert codes == [200] * REPORTS_PER_HOUR + [429]
    assert ProblemReport.objects.count() == REPORTS_PER_HOUR


def test_report_form_is_in_vietnamese(client, shop):
    html = client.get(f"/t/{shop.batch.public_code}/report/?lang=vi").content.decode()

    assert "Báo lỗi về sản phẩm này" in html and "Gửi báo cáo" in html


def test_producers_see_only_their_own_reports_in_the_admin(client, shop, other_shop, django_user_model):
    from tests.traceability.test_admin import _business_user
    from traceability.models import ProblemReport

    mine = ProblemReport.objects.create(batch=shop.batch, kind="quality", message="Smells of mould, bag 3.")
    theirs = ProblemReport.objects.create(batch=other_shop.batch, kind="label", message="Wrong date on the label.")
    owner = _business_user(django_user_model, shop.producer, "lua-xanh")

    client.force_login(owner)
    index = client.get("/admin/problem_reports/").content.decode()
    assert f"/admin/problem_reports/edit/{mine.pk}/" in index
    assert f"/admin/problem_reports/edit/{theirs.pk}/" not in index
    assert client.get(f"/admin/problem_reports/edit/{theirs.pk}/").status_code in (302, 403)

    client.force_login(_moderator(django_user_model))
    index = client.get("/admin/problem_reports/").content.decode()
    assert f"/admin/problem_reports/edit/{theirs.pk}/" in index
