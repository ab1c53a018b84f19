"""Delivery fee and date on a phone, in Chromium, on the demo: the product page's neutral block
filled in by its script for the province chosen (and remembered), the header's cart badge from
the cart's cookie on a page that may come from the cache, and the cart's fee per business."""

import re

import pytest

from .conftest import ARTIFACTS, AXE, axe_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
NEM_CHUA = "/vi/nha-san-xuat/dung-lan/nem-chua-ba-lan/"


def _axe_in(page, selector: str) -> list:
    """axe-core's serious and critical findings within one part of the page."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(f"async () => await axe.run({selector!r}, {{resultTypes: ['violations']}})")
    return [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_shopper_sees_fee_and_date_for_a_province_and_the_cart_badge_on_a_phone(browser, site_url):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    page.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{site_url}{NEM_CHUA}")
    block = page.locator("[data-delivery-estimate]")
    # Fresh goods: the business's chilled van within the province, or pick-up; no carrier.
    assert block.get_by_text(re.compile("Hàng tươi")).is_visible()
    block.locator("li", has_text="Xe lạnh của cơ sở").wait_for()
    assert "dự kiến nhận" in block.inner_text() and "Viettel Post" not in block.inner_text()
    assert _axe_in(page, "[data-delivery-estimate]") == []

    block.get_by_label("Giao đến").select_option(label="Thành phố Hồ Chí Minh")
    block.locator("li", has_text="Xe lạnh").wait_for(state="detached")
    assert [li.inner_text().split(":")[0] for li in block.locator("li").all()] == ["Nhận tại cơ sở"]

    with page.expect_navigation():
        page.get_by_role("button", name="Thêm vào giỏ").click()
    page.goto(f"{site_url}{NEM_CHUA}")
    badge = page.locator("header [data-cart-badge]")
    assert badge.is_visible() and badge.inner_text().startswith("1")
    # The province chosen on the product page is remembered by the cart.
    page.goto(f"{site_url}/vi/cart/")
    assert page.get_by_label("Giao đến").input_value() == "79"
    assert "Nhận tại cơ sở" in page.locator("main").inner_text()
    page.get_by_label("Giao đến").select_option(label="Thanh Hóa")
    page.get_by_role("button", name="Xem phí giao hàng").click()
    main = page.locator("main").inner_text()
    assert "Xe lạnh của cơ sở" in main and "Giao đến Thanh Hóa" in main
    assert axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "delivery-cart-phone.png"), full_page=True)
    context.close()
