"""Engineer A's workspace screens (#18) on a 390×844 phone: axe finds no serious violation, and
nothing scrolls sideways. The journey test (test_seller_journey.py) walks the whole story; this
one opens every screen of the shell, products, import, board and figures with a demo business's
real content, in both languages, and the start and application pages signed out."""

import pytest

from .conftest import ARTIFACTS, axe_violations, site_shell

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def _business_with_products() -> tuple[str, int]:
    """A demo business user's name (its producer's slug) and one of its product ids."""
    code = (
        "from catalogue.models import ProductPage; "
        "p = ProductPage.objects.filter(locale__language_code='vi', producer__isnull=False).order_by('pk').first(); "
        "print(p.producer.slug, p.pk)"
    )
    slug, pk = site_shell(code).split()
    return slug, int(pk)


def _check(page, label: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"seller-screen-{label}.png"), full_page=True)
    assert axe_violations(page) == [], label
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, label


def test_workspace_screens_on_a_phone_are_accessible_and_fit(browser, site_url):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        for path, label in (("/vi/seller/sign-in/", "start"), ("/vi/seller/apply/", "apply")):
            page.goto(site_url + path)
            _check(page, label)
        username, product_id = _business_with_products()
        page.goto(f"{site_url}/vi/seller/sign-in/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill("changeme")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{site_url}/vi/seller/")
        screens = (
            ("", "today"),
            ("products/", "products"),
            ("products/new/", "product-new"),
            (f"products/{product_id}/", "product-edit"),
            ("import/", "import"),
            ("board/", "board"),
            ("figures/", "figures"),
        )
        for lang in ("vi", "en"):
            for path, label in screens:
                response = page.goto(f"{site_url}/{lang}/seller/{path}")
                assert response.status == 200, (lang, path)
                _check(page, f"{lang}-{label}")
        # A form sent back with mistakes is accessible too.
        page.goto(f"{site_url}/vi/seller/products/new/")
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("[role=alert]").count() > 0
        _check(page, "product-errors")
    finally:
        context.close()
