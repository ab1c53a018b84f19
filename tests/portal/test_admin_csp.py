"""The Wagtail admin runs under a Content-Security-Policy with no inline script; the public site
keeps its own strict policy. (The browser test is tests/e2e/test_admin_csp.py.)"""

import re

import pytest

from tests.orders.conftest import business_users, shop  # noqa: F401 — fixtures

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)


def _script_src(policy: str) -> str:
    return next(d for d in policy.split(";") if d.strip().startswith("script-src"))


def test_admin_has_its_own_policy_and_the_site_keeps_the_strict_one(client, site_pages):
    admin = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in _script_src(admin) and "'unsafe-eval'" not in _script_src(admin)
    assert "frame-ancestors 'self'" in admin  # Wagtail's preview is a same-origin frame
    site = client.get("/vi/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in _script_src(site)
    assert "frame-ancestors 'none'" in site and "blob:" not in site


def test_product_edit_page_starts_its_panels_without_inline_scripts(client, shop, business_users):  # noqa: F811
    client.force_login(business_users[0])
    response = client.get(f"/admin/pages/{shop.product_a.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert INLINE_SCRIPT.findall(html) == []
    # What the inline scripts did is there as data for portal/static/portal/admin-init.js.
    for starter in ("InlinePanel", "PageChooser", "SnippetChooser", "DocumentChooser"):
        assert f'data-xt-init="{starter}"' in html, starter
    assert "portal/admin-init" in html


def test_no_gravatar_images_in_the_admin(client, business_users):  # noqa: F811
    user = business_users[0]
    user.email = "nem-chua@example.com"  # Wagtail asks gravatar for the avatar of an e-mail address
    user.save()
    client.force_login(user)
    assert "gravatar.com" not in client.get("/admin/").content.decode()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("csp-admin", "csp-admin@example.com", "x-long-password-1")


@pytest.fixture
def english_translation(shop, superuser):  # noqa: F811
    """The product's English page made by wagtail-localize, so that its edit view is the translation editor."""
    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(shop.product_a)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en"), enabled=True
    )
    translation.save_target(user=superuser, publish=True)
    return shop.product_a.get_translation(translation.target_locale)


def test_translation_editor_gives_its_chooser_urls_as_data(client, superuser, english_translation):
    client.force_login(superuser)
    html = client.get(f"/admin/pages/{english_translation.pk}/edit/").content.decode()
    assert 'class="js-translation-editor"' in html  # wagtail-localize's editor, not the page form
    assert INLINE_SCRIPT.findall(html) == []
    assert 'data-xt-init="chooserUrls"' in html and 'data-page-chooser="/admin/choose-page/"' in html


def test_translate_this_page_form_has_no_inline_script(client, superuser, shop):  # noqa: F811
    client.force_login(superuser)
    response = client.get(f"/admin/localize/submit/page/{shop.product_a.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert INLINE_SCRIPT.findall(html) == []
    assert 'data-xt-select-all="locales"' in html


def test_workflow_editor_starts_its_task_chooser_from_data(client, superuser):
    from wagtail.models import GroupApprovalTask, Workflow

    workflow = Workflow.objects.create(name="Duyệt thử")
    workflow.workflow_tasks.create(task=GroupApprovalTask.objects.create(name="Bước 1"), sort_order=0)
    client.force_login(superuser)
    html = client.get(f"/admin/workflows/edit/{workflow.pk}/").content.decode()
    assert INLINE_SCRIPT.findall(html) == []
    assert 'data-xt-init="createTaskChooser"' in html


def test_superuser_dashboard_asks_no_outside_server_for_wagtail_updates(client, superuser):
    client.force_login(superuser)
    # The upgrade notice (its w-upgrade controller fetches releases.wagtail.org, which connect-src refuses)
    assert 'data-controller="w-upgrade' not in client.get("/admin/").content.decode()
