import pytest

from .conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_home_page_in_both_languages_and_switcher(page, site_url):
    page.goto(f"{site_url}/", wait_until="domcontentloaded")
    assert page.url == f"{site_url}/vi/"
    assert page.locator("html").get_attribute("lang") == "vi"
    page.get_by_role("navigation", name="Ngôn ngữ").get_by_role("link", name="EN").click()
    page.wait_for_url(f"{site_url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().strip() != ""


def test_home_page_has_no_serious_accessibility_violations(page, site_url):
    page.goto(f"{site_url}/vi/", wait_until="load")
    assert axe_violations(page) == []
