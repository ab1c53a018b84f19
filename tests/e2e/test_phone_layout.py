"""The public pages on a phone (360×740) and the checkout on a desktop, in Chromium.

What a shopper saw before: the header wrapped into three or four rows with no menu button,
the cart's line total and Remove button were off-screen, the order page scrolled sideways,
the home heading was cut off, and the desktop checkout form was squeezed into a 240 px column.
Screenshots of every page land in tests/artifacts/phone-*.png."""

import re
from urllib.parse import urlparse

import pytest

from .conftest import ARTIFACTS, _get_json, demo_batch_link

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# Elements sticking out to the right of the viewport, to say what made a page scroll.
OVERFLOW_JS = """() => {
  const doc = document.scrollingElement;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > doc.clientWidth + 1) {
      const cls = typeof el.className === 'string' && el.className.trim();
      const name = el.tagName.toLowerCase() + (cls ? '.' + cls.split(/\\s+/).join('.') : '');
      wide.push(name + ' → ' + Math.round(r.right));
    }
  }
  return {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, wide: wide.slice(0, 6)};
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
    yield page
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)


def _sideways_overflow(page, name: str) -> str | None:
    """None when the page fits the viewport's width, else what sticks out."""
    page.wait_for_load_state("load")
    _shot(page, name)
    measure = page.evaluate(OVERFLOW_JS)
    if measure["scrollWidth"] <= measure["clientWidth"]:
        return None
    return f"{name} ({page.url}): {measure['scrollWidth']} > {measure['clientWidth']}: {measure['wide']}"


def _first_page_path(site_url: str, page_type: str) -> str:
    data = _get_json(f"{site_url}/api/v2/pages/?type={page_type}&locale=vi&limit=1")
    assert data["items"], f"the demo has no {page_type}"
    return urlparse(data["items"][0]["meta"]["html_url"]).path


def _add_a_product_to_the_cart(page, site_url: str) -> None:
    page.goto(f"{site_url}/vi/search/?q=nem+chua&kind=products")
    page.get_by_role("link", name=re.compile("Nem chua Bà Lan")).first.click()
    page.wait_for_load_state("domcontentloaded")
    # The form's script fetches a CSRF token first, then posts: wait for that navigation.
    with page.expect_navigation():
        page.get_by_role("button", name="Thêm vào giỏ").click()


def _fill_checkout(page) -> None:
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Điện thoại").fill("0912 345 678")
    page.get_by_label("Tỉnh hoặc thành phố").select_option(label="Thanh Hóa")
    page.get_by_label("Phường hoặc xã").select_option(label="Phường Hạc Thành")
    page.get_by_label(re.compile("Số nhà")).fill("12 Lê Lợi")
    page.get_by_label(re.compile("Thanh toán khi nhận hàng")).check()


def test_no_public_page_scrolls_sideways_on_a_phone(phone, site_url):
    page = phone
    overflowing = []
    visits = [
        ("home", "/vi/"),
        ("category", _first_page_path(site_url, "catalogue.CategoryPage")),
        ("attraction", _first_page_path(site_url, "tourism.AttractionPage")),
        ("search", "/vi/search/?q=nem+chua"),
        ("board", "/vi/trade/"),
    ]
    for name, path in visits:
        page.goto(site_url + path)
        overflowing.append(_sideways_overflow(page, name))
    page.goto(demo_batch_link(site_url))
    overflowing.append(_sideways_overflow(page, "trace"))

    _add_a_product_to_the_cart(page, site_url)
    overflowing.append(_sideways_overflow(page, "product"))
    page.goto(f"{site_url}/vi/cart/")
    overflowing.append(_sideways_overflow(page, "cart"))
    page.goto(f"{site_url}/vi/checkout/")
    overflowing.append(_sideways_overflow(page, "checkout"))
    _fill_checkout(page)
    page.locator('input[name="accept_policies"]').check()
    page.get_by_role("button", name="Đặt hàng").click()
    page.wait_for_url(re.compile(r"/vi/orders/[A-Z0-9]+/"))
    overflowing.append(_sideways_overflow(page, "order"))

    problems = [o for o in overflowing if o]
    assert not problems, "\n".join(problems)


def test_the_home_heading_is_whole_on_a_phone(phone, site_url):
    phone.goto(f"{site_url}/vi/")
    heading = phone.get_by_role("heading", level=1)
    box = heading.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # Not clipped by its container: every line of the heading is painted.
    clipped = heading.evaluate(
        """h => { let el = h.parentElement; const r = h.getBoundingClientRect();
           while (el) { const s = getComputedStyle(el);
             if (s.overflow !== 'visible') { const c = el.getBoundingClientRect();
               if (r.top < c.top || r.bottom > c.bottom || r.left < c.left || r.right > c.right) return true; }
             el = el.parentElement; } return false; }"""
    )
    assert not clipped


def test_phone_menu_button_opens_the_navigation_without_javascript(browser, site_url):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/vi/")
        header = page.locator(".site-header")
        header_height = header.bounding_box()["height"]
        assert header_height < 80, f"the header takes {header_height} px: it wraps"
        nav = page.get_by_role("navigation", name="Chính")
        assert not nav.get_by_role("link", name="Tìm kiếm").is_visible()
        page.locator("summary.menu-button").click()  # its "Menu" label is for screen readers on a phone
        assert nav.get_by_role("link", name="Tìm kiếm").is_visible()
        _shot(page, "menu-open")
        nav.get_by_role("link", name="Tìm kiếm").click()
        page.wait_for_url(re.compile(r"/vi/search/"))
    finally:
        context.close()


def test_desktop_shows_the_navigation_without_a_menu_button(page, site_url):
    page.goto(f"{site_url}/vi/")
    assert page.get_by_role("navigation", name="Chính").get_by_role("link", name="Tìm kiếm").is_visible()
    assert not page.get_by_text("Menu", exact=True).is_visible()


def test_cart_line_total_and_remove_button_are_on_screen_on_a_phone(phone, site_url):
    _add_a_product_to_the_cart(phone, site_url)
    phone.goto(f"{site_url}/vi/cart/")
    _shot(phone, "cart-remove")
    for element in (phone.get_by_role("button", name="Xóa").first, phone.locator(".line-total").first):
        box = element.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


def test_checkout_form_is_wider_than_a_sidebar_on_desktop(page, site_url):
    _add_a_product_to_the_cart(page, site_url)
    page.goto(f"{site_url}/vi/checkout/")
    width = page.locator("form.checkout-form").bounding_box()["width"]
    assert width > 240 * 2, f"the checkout form is {width} px wide"
    assert page.get_by_label("Họ và tên").bounding_box()["width"] > 240
