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
