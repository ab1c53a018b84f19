"""Seller identity and "report this listing" on a 390 px phone (#22): a shopper reads who sells
a demo product, reports it, and the business reads its legal identity in its workspace."""

import pytest

from .conftest import ARTIFACTS, axe_violations, site_shell

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def _check(page, label: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"seller-identity-{label}.png"), full_page=True)
    assert axe_violations(page) == [], label
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, label


def test_a_shopper_sees_the_seller_and_reports_the_listing_and_the_business_sees_its_identity(browser, site_url):
    code = (
        "from catalogue.models import ProductPage, SellerIdentity; "
        "p = ProductPage.objects.live().filter(locale__language_code='vi').order_by('pk').first(); "
        "i = SellerIdentity.objects.for_page(p.producer).get(); "
        "print(p.url, p.producer.slug, i.tax_code)"
    )
    url, username, tax_code = site_shell(code).split()
    context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(site_url + url)
        seller = page.get_by_role("region", name="Người bán")
        assert tax_code in seller.inner_text()
        _check(page, "product")

        page.get_by_role("link", name="Báo cáo tin này").click()
        page.get_by_label("Hàng giả, hàng nhái").check()
        page.get_by_label("Vấn đề là gì").fill("Nhãn chai khác ảnh.")
        _check(page, "report-form")
        page.get_by_role("button", name="Gửi báo cáo").click()
        assert page.get_by_role("heading", name="Cảm ơn bạn").is_visible()
        assert site_shell("from catalogue.models import ListingReport; print(ListingReport.objects.count())") != "0"

        page.goto(f"{site_url}/vi/seller/sign-in/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill("changeme")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{site_url}/vi/seller/")
        page.goto(f"{site_url}/vi/seller/identity/")
        assert page.locator("input[name=legal-tax_code]").input_value() == tax_code
        _check(page, "workspace")
    finally:
        context.close()
