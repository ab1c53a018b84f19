"""On a 390 px phone a shopper opens "Your data" from the account, downloads everything the site
holds about them as JSON, then deletes the account with their password (Chromium, demo site)."""

import json

import pytest

from .conftest import ARTIFACTS, axe_violations, emails_to, site_shell

pytestmark = pytest.mark.e2e

EMAIL = "du-lieu-390@example.com"
PASSWORD = "a-long-pass-phrase-42"


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True, has_touch=True, accept_downloads=True
    )
    page = context.new_page()
    page.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
    yield page
    context.close()


def test_download_my_data_then_delete_my_account(site_url, phone_page):
    site_shell(
        "from django.contrib.auth import get_user_model; from allauth.account.models import EmailAddress;"
        f"u = get_user_model().objects.create_user('du-lieu-390', '{EMAIL}', '{PASSWORD}');"
        f"EmailAddress.objects.create(user=u, email='{EMAIL}', verified=True, primary=True); print(u.pk)"
    )
    page = phone_page
    page.goto(f"{site_url}/vi/account/login/")
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Tài khoản của bạn").wait_for()
    page.get_by_role("link", name="Dữ liệu của bạn").click()
    page.get_by_role("heading", name="Dữ liệu của bạn", level=1).wait_for()
    page.screenshot(path=str(ARTIFACTS / "account-data-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Tải về dữ liệu của tôi").click()
    data = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert data["profile"]["email"] == EMAIL
    assert [s["channel"] for s in data["sign_ins"]] == ["password"]

    page.get_by_label("Mật khẩu của bạn").fill(PASSWORD)
    page.get_by_label("Tôi hiểu rằng tài khoản").check()
    page.get_by_role("button", name="Xóa tài khoản của tôi").click()
    page.get_by_role("heading", name="Tài khoản của bạn đã bị xóa").wait_for()
    page.screenshot(path=str(ARTIFACTS / "account-data-deleted-390.png"), full_page=True)

    gone = site_shell(
        "from django.contrib.auth import get_user_model;"
        f"print(get_user_model().objects.filter(email='{EMAIL}').exists())"
    )
    assert gone == "False"
    assert any("Xóa tài khoản của tôi" in text for text in emails_to(EMAIL))  # the acknowledgement
