"""The exchange's footer on a phone (390 px): the operator, the six policy pages in each
language, each opening without sideways scrolling and without serious axe violations; the
ministry badge appears once its link is set. Screenshots: tests/artifacts/policies-*.png."""

import pytest

from .conftest import ARTIFACTS, axe_violations, site_shell

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
OPERATOR = {"vi": "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Thanh Hóa", "en": "Thanh Hóa Investment"}
SET_BADGE = (
    "from wagtail.models import Site; from portal.policies import ExchangeOperator; "
    "o = ExchangeOperator.for_site(Site.objects.get(is_default_site=True)); "
    "o.ministry_registration_url = {url!r}; o.save(); print('ok')"
)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = context.new_page()
    page.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
    yield page
    context.close()


def _fits(page) -> bool:
    return page.evaluate("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_footer_links_open_every_policy_on_a_phone(phone, site_url, language):
    phone.goto(f"{site_url}/{language}/")
    footer = phone.locator("footer.site-footer")
    assert OPERATOR[language] in footer.inner_text()
    links = footer.locator(".footer-policies a")
    assert links.count() == 6
    targets = [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in range(6)]
    assert all(href.startswith(f"/{language}/") for _title, href in targets), targets
    footer.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    footer.screenshot(path=str(ARTIFACTS / f"policies-footer-{language}-390.png"))

    for index, (title, href) in enumerate(targets):
        phone.locator("footer.site-footer .footer-policies a").nth(index).click()
        phone.wait_for_url(f"{site_url}{href}")
        assert phone.locator("h1").inner_text() == title
        assert phone.locator("article.policy h2").count() >= 3  # a real text, in sections
        assert _fits(phone), f"{href} scrolls sideways at 390 px"
        if index == 0:
            phone.screenshot(path=str(ARTIFACTS / f"policies-page-{language}-390.png"), full_page=True)
            assert axe_violations(phone) == []
        phone.go_back()

    site_shell(SET_BADGE.format(url="http://online.gov.vn/Home/WebDetails/12345"))
    try:
        phone.goto(f"{site_url}/{language}/")
        badge = phone.locator("footer .ministry-badge")
        assert badge.get_attribute("href") == "http://online.gov.vn/Home/WebDetails/12345"
        alt = badge.locator("img").get_attribute("alt")
        expected = "Đã đăng ký với Bộ Công Thương" if language == "vi" else "Registered with the Ministry"
        assert alt.startswith(expected)
        assert axe_violations(phone) == []
        badge.screenshot(path=str(ARTIFACTS / f"policies-badge-{language}-390.png"))
    finally:
        site_shell(SET_BADGE.format(url=""))
