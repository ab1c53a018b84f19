"""A shopper on a 390 px phone signs up with a phone number, confirms it with the code, sees the
account page, and saves a product to favourites (Chromium, the demo site as `make run` serves it).

No SMS provider is configured (nor anywhere yet): the site's accounts.tasks.send_sms writes each
text message to its log, which the test reads from tests/e2e-server.log (see tests/e2e/conftest.py)."""

import re
import time

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, axe_violations
from .test_phone_layout import _first_page_path

pytestmark = pytest.mark.e2e

PHONE_NUMBER = "0912000390"
PASSWORD = "a-long-pass-phrase-42"


def _sms_code(phone: str) -> str:
    log = ARTIFACTS.parent / "e2e-server.log"
    for _ in range(50):
        found = re.findall(rf"SMS to {phone}: .*?\b(\d{{6}})\b", log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return found[-1]
        time.sleep(0.1)
    pytest.fail(f"no SMS to {phone} in {log}")


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
    yield page
    context.close()


def test_sign_up_by_phone_confirm_the_code_and_save_a_favourite(site_url, phone_page):
    page = phone_page
    page.goto(f"{site_url}/vi/")
    page.get_by_role("link", name="Tài khoản", exact=True).click()
    page.get_by_role("link", name="Tạo tài khoản").click()
    page.fill("#id_phone", "0912 000 390")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.locator('input[name="accept_policies"]').check()
    page.get_by_role("button", name="Tạo tài khoản").click()

    page.get_by_role("heading", name="Xác nhận số điện thoại").wait_for()
    page.screenshot(path=str(ARTIFACTS / "account-phone-verify-390.png"), full_page=True)
    page.fill("#id_code", _sms_code(PHONE_NUMBER))
    page.get_by_role("button", name="Xác nhận", exact=True).click()

    page.get_by_role("heading", name="Tài khoản của bạn").wait_for()
    assert page.get_by_text(PHONE_NUMBER).first.is_visible()
    assert page.get_by_role("heading", name="Đơn hàng của bạn").is_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    page.screenshot(path=str(ARTIFACTS / "account-home-390.png"), full_page=True)
    assert axe_violations(page) == []

    # A product page from the demo: the neutral Save button becomes "Saved" and lands in the account.
    page.goto(site_url + _first_page_path(site_url, "catalogue.ProductPage"))
    save = page.locator("form[data-favourite] button")
    save.click()
    expect(save).to_have_attribute("aria-pressed", "true")
    page.screenshot(path=str(ARTIFACTS / "account-product-saved-390.png"))
    title = page.locator("h1").first.inner_text()
    page.goto(f"{site_url}/vi/account/favourites/")
    assert page.get_by_role("link", name=title).is_visible()
    page.screenshot(path=str(ARTIFACTS / "account-favourites-390.png"), full_page=True)
