"""A hotel keeps its own listing from a phone (issue 23), in Chromium at 390×844.

The demo hotel signs in to the seller workspace, changes its price range and wheelchair access
on its listing and sends it for approval; the public page keeps the approved version meanwhile.
Runs against the e2e site (tests/e2e/conftest.py: `make run`'s demo on its own database).
"""

import json

import pytest

from tests.e2e.conftest import ARTIFACTS, axe_violations, site_shell

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
HOTEL = "ks-song-bac-sam-son"


def _listing_state() -> dict:
    """The hotel listing's live values and its newest (waiting) version, read from the site's database."""
    code = (
        "import json; from tourism.models import PlacePage; "
        f"p = PlacePage.objects.get(slug='{HOTEL}', locale__language_code='vi'); "
        "w = p.get_latest_revision_as_object(); s = p.current_workflow_state; "
        "print(json.dumps({'live': [p.price_from, p.price_to, p.wheelchair], "
        "'waiting': [w.price_from, w.price_to, w.wheelchair], 'state': s.status if s else None, 'url': p.url}))"
    )
    return json.loads(site_shell(code))


def _check(page, label: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"tourism-business-{label}.png"), full_page=True)
    assert axe_violations(page) == [], label
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, label


def test_a_hotel_edits_its_price_range_and_wheelchair_access_on_a_phone(browser, site_url):
    before = _listing_state()
    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/vi/seller/sign-in/")
        page.locator("input[name=username]").fill(HOTEL)
        page.locator("input[name=password]").fill("changeme")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{site_url}/vi/seller/")
        assert page.locator(".seller-business").inner_text() == "Khách sạn Sóng Bạc Sầm Sơn"
        # The hotel's tabs are its listing's, not products and batches.
        assert page.locator("nav.seller-tabs a[href$='/seller/products/']").count() == 0
        _check(page, "today")

        page.locator("nav.seller-tabs a[href$='/seller/listing/']").click()
        page.wait_for_url(f"{site_url}/vi/seller/listing/")
        _check(page, "listing")
        page.locator("input[name=price_low]").fill("500.000")
        page.locator("input[name=price_high]").fill("1.800.000")
        page.locator("input[name=wheelchair][value=yes]").check()
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{site_url}/vi/seller/listing/")
        assert page.locator(".badge.status-waiting").is_visible()
        assert page.locator(".seller-messages [role=status], .seller-messages").first.is_visible()
        _check(page, "sent")

        after = _listing_state()
        assert after["waiting"] == [500000, 1800000, "yes"]
        assert after["live"] == before["live"]  # visitors see the approved version until a moderator approves
        assert after["state"] == "in_progress"
        page.goto(site_url + after["url"])
        assert "1.800.000" not in page.locator("main").inner_text()
        _check(page, "public")
    finally:
        context.close()
