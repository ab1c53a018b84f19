"""The journeys of DESIGN.md §1 in a real browser, on the demo content.

Each test ends with a screenshot in tests/artifacts/ (see the `page` fixture)."""

import re

import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_shopper_searches_without_diacritics_filters_buys_from_two_businesses_cash_on_delivery(page, site_url):
    page.goto(f"{site_url}/vi/")
    page.get_by_role("navigation", name="Chính").get_by_role("link", name="Tìm kiếm").click()
    page.locator("input[name=q]").first.fill("nem chua")
    page.get_by_role("button", name="Tìm kiếm").click()
    # Typed without diacritics, found with them; then narrowed to products.
    assert page.get_by_role("link", name=re.compile("Nem chua Bà Lan")).first.is_visible()
    page.locator("main").get_by_role("link", name="Sản phẩm", exact=True).first.click()
    page.wait_for_url(re.compile(r"kind=products"))
    assert "Chuỗi nhà hàng" not in page.content()  # board posts are filtered out
    assert axe_violations(page) == []
    page.get_by_role("link", name="Nem chua Bà Lan").first.click()
    assert axe_violations(page) == []
    # The form's script fetches a CSRF token first, then posts: wait for that navigation.
    with page.expect_navigation():
        page.get_by_role("button", name="Thêm vào giỏ").click()

    page.goto(f"{site_url}/vi/search/?q=mam+tom&kind=products")
    page.get_by_role("link", name=re.compile("Mắm tôm Lê Gia")).first.click()
    # The form's script fetches a CSRF token first, then posts: wait for that navigation.
    with page.expect_navigation():
        page.get_by_role("button", name="Thêm vào giỏ").click()

    page.goto(f"{site_url}/vi/cart/")
    cart = page.locator("main").inner_text()
    assert "Nem chua Bà Lan" in cart and "Mắm tôm Lê Gia" in cart
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile("Thanh toán|Đặt hàng")).first.click()
    page.wait_for_url(re.compile(r"/vi/checkout/"))
    assert axe_violations(page) == []

    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Điện thoại").fill("0912 345 678")
    page.get_by_label("Tỉnh hoặc thành phố").select_option(label="Thanh Hóa")
    page.get_by_label("Phường hoặc xã").select_option(label="Phường Hạc Thành")
    page.get_by_label(re.compile("Số nhà")).fill("12 Lê Lợi")
    page.get_by_label(re.compile("Thanh toán khi nhận hàng")).check()
    page.locator('input[name="accept_policies"]').check()
    page.get_by_role("button", name="Đặt hàng").click()
    page.wait_for_url(re.compile(r"/vi/orders/[A-Z0-9]+/"))
    body = page.locator("main").inner_text()
    assert "Nem chua Bà Lan" in body and "Mắm tôm Lê Gia" in body
    code = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert code in body.replace("-", "")  # shown in groups of four, easy to read over the phone


def test_consumer_opens_a_batch_digital_link_and_sees_its_timeline(page, site_url):
    from .conftest import demo_batch_link

    link = demo_batch_link(site_url)
    page.goto(link)
    assert re.search(r"/01/\d{14}/10/", page.url)
    timeline = page.locator(".timeline li")
    assert timeline.count() >= 3
    assert page.get_by_text(re.compile("Hồ sơ nguyên vẹn|toàn vẹn")).first.is_visible()
    assert axe_violations(page) == []


def test_tourist_switches_an_attraction_to_english_and_opens_the_map(page, site_url):
    page.goto(f"{site_url}/vi/search/?q=thanh+nha+ho&kind=attractions")
    page.get_by_role("link", name=re.compile("Thành nhà Hồ")).first.click()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert axe_violations(page) == []
    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="EN").click()
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Citadel" in page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Map").click()
    page.wait_for_url(re.compile(r"/en/map/"))
    page.wait_for_selector("#map path.leaflet-interactive")
    assert page.locator("#map path.leaflet-interactive").count() >= 20


def test_business_user_sees_only_its_own_products_and_orders_in_the_admin(page, site_url):
    page.goto(f"{site_url}/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username")).fill("le-gia")
    page.get_by_label(re.compile("Mật khẩu|Password")).fill("changeme")
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
    # A business lands in its seller workspace; it may still open the admin itself.
    page.wait_for_url(re.compile(r"/seller/$"))

    page.goto(f"{site_url}/admin/orders/lines/")
    lines = page.locator("main").inner_text()
    assert "Lê Gia" in lines
    for other in ("Bà Lan", "Vị Thanh", "Hà Lai"):
        assert other not in lines

    from .conftest import page_id_by_slug

    own = page_id_by_slug(site_url, "le-gia")
    other = page_id_by_slug(site_url, "dung-lan")
    page.goto(f"{site_url}/admin/pages/{own}/")
    explorer = page.locator("main").inner_text()
    assert "Mắm tôm Lê Gia" in explorer
    response = page.goto(f"{site_url}/admin/pages/{other}/edit/")
    assert response.status in (403, 302) or "quyền" in page.content() or "permission" in page.content()
    assert "Nem chua Bà Lan" not in page.locator("main").inner_text()
