"""The Wagtail admin works under its Content-Security-Policy: a business edits its product
(adds a variant with the inline panel's button, picks a category in the chooser, saves), a
moderator translates a product in wagtail-localize's editor, the superuser adds a workflow task,
and no page they use reports a CSP violation. Screenshots go to tests/artifacts/."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, CHROMIUM_ARGS, ROOT, SITE_ENV, site_shell  # noqa: F401

pytestmark = pytest.mark.e2e

BUSINESS = "nem-chua-vi-thanh"

# Every violation, reported or not on the console, lands in window.__cspViolations.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def _first_product_id(username: str) -> int:
    """The id of the first Vietnamese product of the business that `username` runs."""
    return int(
        site_shell(
            "from catalogue.models import ProductPage; from wagtail.models import Locale; "
            f"p = ProductPage.objects.filter(producer__slug={username!r}, locale=Locale.get_default())"
            ".order_by('pk').first(); print(p.pk)"
        )
    )


def _translated_product_ids() -> tuple[int, int]:
    """(Vietnamese, English) ids of a product (not BUSINESS's) whose English page is wagtail-localize's.

    The demo's English pages are plain copies; a translation record makes the English page's
    edit view wagtail-localize's translation editor, as for a product translated through it.
    """
    ids = site_shell(
        "from catalogue.models import ProductPage; from wagtail.models import Locale; "
        "from wagtail_localize.models import Translation, TranslationSource; "
        "vi = ProductPage.objects.filter(locale=Locale.get_default()).exclude(producer__slug="
        f"{BUSINESS!r}).order_by('pk').last(); en = Locale.objects.get(language_code='en'); "
        "source, _ = TranslationSource.get_or_create_from_instance(vi); "
        "Translation.objects.get_or_create(source=source, target_locale=en, defaults={'enabled': True}); "
        "print(vi.pk, vi.get_translation(en).pk)"
    )
    vi_id, en_id = ids.split()
    return int(vi_id), int(en_id)


@pytest.fixture
def watched(page):
    """The page with every CSP violation recorded, from the console and from the DOM event."""
    console: list[str] = []
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(RECORD_VIOLATIONS)

    def violations() -> list[str]:
        try:
            events = page.evaluate("window.__cspViolations || []")
        except Exception:  # noqa: BLE001 — the page may be navigating; the console still has them
            events = []
        return console + events

    page.csp_violations = violations
    return page


def _sign_in(page, site_url, username=BUSINESS):
    page.goto(f"{site_url}/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username")).fill(username)
    page.get_by_label(re.compile("Mật khẩu|Password")).fill("changeme")
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in")).click()
    page.wait_for_load_state("load")


def _visit_without_violations(page, url):
    response = page.goto(url, wait_until="load")
    assert response.status == 200, url
    page.wait_for_timeout(300)  # late scripts (choosers, Stimulus controllers) report too
    assert page.csp_violations() == [], url


def test_admin_sends_its_own_csp_and_the_public_site_keeps_the_strict_one(watched, site_url):
    response = watched.goto(f"{site_url}/admin/login/")
    admin_policy = response.headers["content-security-policy"]
    assert (
        "script-src 'self'" in admin_policy
        and "'unsafe-inline'" not in admin_policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'self'" in admin_policy
    response = watched.goto(f"{site_url}/vi/")
    site_policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in site_policy
    assert "'unsafe-inline'" not in site_policy.split("script-src")[1].split(";")[0]


def test_business_adds_a_variant_and_picks_a_category_under_the_admin_csp(watched, site_url):
    page = watched
    _sign_in(page, site_url)
    product = _first_product_id(BUSINESS)
    # Whatever page sign-in lands on, the admin pages a business uses open without a violation.
    for path in ("/admin/", f"/admin/pages/{product}/", "/admin/orders/lines/", "/admin/images/", "/admin/documents/"):
        _visit_without_violations(page, f"{site_url}{path}")

    _visit_without_violations(page, f"{site_url}/admin/pages/{product}/edit/")

    # The category chooser opens its modal and the choice lands in the form.
    # (The product has a category already: "choose another" is in the chooser's actions menu.)
    page.locator("#id_category-chooser .w-dropdown__toggle").click()
    page.locator("[data-chooser-action-choose]:visible").first.click()
    choice = page.locator(".modal-dialog a.choose-page[data-title='Đồ uống']")
    category_id = choice.get_attribute("data-id")
    choice.click()
    expect(page.locator(".modal-dialog")).to_be_hidden()
    expect(page.locator("#id_category")).to_have_value(category_id)
    expect(page.locator("#id_category-chooser")).to_contain_text("Đồ uống")

    # The variants tab: the inline panel's button adds an empty variant form.
    page.get_by_role("tab", name=re.compile("Biến thể|Quy cách|Variants")).click()
    forms = page.locator("#id_variants-FORMS > [data-inline-panel-child]:visible")
    before = forms.count()
    page.locator("#id_variants-ADD").click()
    assert forms.count() == before + 1
    new = f"variants-{before}"
    page.locator(f"#id_{new}-name").fill("Hộp 1 kg (thử CSP)")
    sku = f"CSP-{uuid.uuid4().hex[:8]}"
    page.locator(f"#id_{new}-sku").fill(sku)
    page.locator(f"#id_{new}-price").fill("150000")
    page.locator(f"#id_{new}-stock").fill("7")

    # Certificates: the second inline panel adds a form too (its date pickers start on their own).
    page.get_by_role("tab", name=re.compile("Chi tiết|Details")).click()
    certificates = page.locator("#id_certificates-FORMS > [data-inline-panel-child]:visible")
    count = certificates.count()
    page.locator("#id_certificates-ADD").click()
    assert certificates.count() == count + 1
    page.locator(f"#id_certificates-{count}-DELETE-button, #id_certificates-{count}-DELETE").first.click()

    page.get_by_role("button", name=re.compile("Lưu bản nháp|Save draft")).first.click()
    page.wait_for_load_state("load")
    messages = page.locator(".messages").inner_text()
    assert re.search("đã được cập nhật|đã lưu|updated|saved", messages, re.IGNORECASE), messages
    page.get_by_role("tab", name=re.compile("Biến thể|Quy cách|Variants")).click()
    assert page.locator(f"input[value='{sku}']").count() == 1
    expect(page.locator("#id_category")).to_have_value(category_id)
    assert page.csp_violations() == []
    page.screenshot(path=str(ARTIFACTS / "admin-csp-product-saved.png"), full_page=True)


def test_business_admin_on_a_phone_has_no_csp_violation(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(RECORD_VIOLATIONS)
    try:
        _sign_in(page, site_url)
        product = _first_product_id(BUSINESS)
        page.goto(f"{site_url}/admin/pages/{product}/edit/", wait_until="load")
        page.get_by_role("tab", name=re.compile("Biến thể|Quy cách|Variants")).click()
        before = page.locator("#id_variants-FORMS > [data-inline-panel-child]:visible").count()
        page.locator("#id_variants-ADD").click()
        assert page.locator("#id_variants-FORMS > [data-inline-panel-child]:visible").count() == before + 1
        page.wait_for_timeout(300)
        assert console + page.evaluate("window.__cspViolations") == []
        page.screenshot(path=str(ARTIFACTS / "admin-csp-phone.png"), full_page=True)
    finally:
        context.close()


def test_moderator_translates_a_product_in_wagtail_localize_under_the_admin_csp(watched, site_url):
    page = watched
    vi_id, en_id = _translated_product_ids()
    _sign_in(page, site_url, "moderator")
    _visit_without_violations(page, f"{site_url}/admin/pages/{en_id}/edit/")
    editor = page.locator(".js-translation-editor")
    # The React editor rendered (its root held only the CSRF input before).
    expect(editor.get_by_role("tab").first).to_be_visible()
    assert editor.locator("li").count() > 3

    # The title's English words are typed and saved (an XHR to wagtail-localize's API).
    editor.get_by_role("button", name=re.compile("^(Dịch|Translate)$")).first.click()
    english = f"CSP test {uuid.uuid4().hex[:6]}"
    editor.locator("textarea").first.fill(english)
    editor.get_by_role("button", name=re.compile("^(Lưu|Save)$")).first.click()
    expect(editor.get_by_text(english)).to_be_visible()

    # The page chooser opens from window.chooserUrls (set from data, not an inline script).
    editor.get_by_role("button", name=re.compile("Thay đổi trang|Change page")).first.click()
    expect(page.locator(".modal-dialog")).to_be_visible()
    page.locator(".modal-dialog [data-bs-dismiss=modal], .modal-dialog .close").first.click()
    assert page.csp_violations() == []
    page.screenshot(path=str(ARTIFACTS / "admin-csp-translation-editor.png"), full_page=True)

    # "Translate this page": its "select all" box ticks the locales (admin-init.js, not inline).
    _visit_without_violations(page, f"{site_url}/admin/localize/submit/page/{vi_id}/")
    select_all = page.locator("input[type=checkbox][name=select_all]")
    if select_all.count():  # a box only when several locales are still untranslated
        select_all.check()
        assert all(box.is_checked() for box in page.locator("[name=locales]").all())
    assert page.csp_violations() == []


def test_superuser_adds_a_workflow_task_under_the_admin_csp(watched, site_url):
    """Workflows are the superuser's (moderators have no workflow permission in the demo)."""
    page = watched
    _sign_in(page, site_url, "admin")
    # The dashboard's upgrade notice fetched releases.wagtail.org, refused by connect-src.
    _visit_without_violations(page, f"{site_url}/admin/")
    workflow = site_shell("from wagtail.models import Workflow; print(Workflow.objects.order_by('pk').first().pk)")
    _visit_without_violations(page, f"{site_url}/admin/workflows/edit/{workflow}/")
    forms = page.locator("#id_workflow_tasks-FORMS > [data-inline-panel-child]:visible")
    before = forms.count()
    page.locator("#id_workflow_tasks-ADD").click()
    assert forms.count() == before + 1
    forms.nth(before).locator("[data-chooser-action-choose]").first.click()
    page.locator(".modal-dialog").get_by_role("tab", name=re.compile("Existing|Có sẵn|Hiện có")).click()
    choice = page.locator(".modal-dialog a.task-choice").first
    name = choice.inner_text().strip()
    choice.click()
    expect(page.locator(".modal-dialog")).to_be_hidden()
    expect(forms.nth(before).locator("[data-chooser-title]")).to_have_text(name)
    assert page.locator(f"#id_workflow_tasks-{before}-task").input_value() != ""
    assert page.csp_violations() == []
