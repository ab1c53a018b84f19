"""Issue #18's journey in Chromium on a 390×844 phone, without the admin except the moderator's approvals.

A new cooperative applies from the workspace and is approved; it adds a product with two packs
and a photo, which the moderator approves; it records a batch and three events (the third
entered offline and sent when the network returns), prints thermal labels whose QR decodes to
the batch's Digital Link, receives an order, packs and ships it with the batch; the buyer's
order page and the batch's trace page show it. Each workspace screen is checked with axe and
kept as a screenshot in tests/artifacts/; the taps and page loads are counted and printed.
"""

import io
import re
import uuid

import pytest
from PIL import Image
from playwright.sync_api import expect

from catalogue.gtin import gtin_check_digit

from .conftest import ARTIFACTS, axe_violations, site_shell

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
COOP = f"HTX Nước mắm Hòa Lộc {uuid.uuid4().hex[:4]}"  # unique: the journey may run against a kept site
_GTIN_BODY = f"893{uuid.uuid4().int % 10**9:09d}"  # a GS1 Vietnam prefix; unique per run
GTIN = _GTIN_BODY + str(gtin_check_digit(_GTIN_BODY))
PRODUCT = f"Nước mắm cốt Hòa Lộc {COOP[-4:]}"


# What the workspace's service worker keeps, once it is active (10 s at most).
CACHED_PATHS = """async () => {
  const ready = await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 10000))]);
  if (!ready) return [];
  const paths = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
  }
  return paths;
}"""


class Counter:
    """Counts what the cooperative does: taps (a click, a choice, a field tapped to type in) and page loads."""

    def __init__(self, page, name: str):
        self.page, self.name = page, name
        self.taps = 0
        self.loads = 0
        self.shots = 0
        page.on("load", lambda _page: self._loaded())

    def _loaded(self):
        self.loads += 1

    def tap(self, locator):
        self.taps += 1
        locator.click()

    def fill(self, locator, value):
        self.taps += 1
        locator.fill(value)

    def choose(self, locator, **option):
        self.taps += 1
        locator.select_option(**option)

    def files(self, locator, files):
        self.taps += 1
        locator.set_input_files(files)

    def screen(self, label: str, check_axe: bool = True):
        """A screenshot of the workspace screen, and no serious accessibility violation on it."""
        self.shots += 1
        self.page.screenshot(path=str(ARTIFACTS / f"seller-journey-{self.shots:02d}-{label}.png"), full_page=True)
        if check_axe:
            assert axe_violations(self.page) == [], label
        # No sideways scroll on the phone.
        assert self.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1, label


def _jpeg() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (150, 90, 40)).save(buffer, format="JPEG")
    return {"name": "chai-nuoc-mam.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def _moderator(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{site_url}/admin/login/")
    page.locator("input[name=username]").fill("moderator")
    page.locator("input[name=password]").fill("changeme")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return context, page


def test_new_cooperative_sells_and_traces_a_batch_from_its_phone(browser, site_url):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    coop_context = browser.new_context(viewport=PHONE, locale="vi-VN", has_touch=True, is_mobile=True)
    coop_context.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
    page = coop_context.new_page()
    me = Counter(page, "cooperative")

    # 1. The cooperative applies from the workspace's start page.
    page.goto(f"{site_url}/vi/seller/apply/")
    me.fill(page.locator("[name=business_name]"), COOP)
    me.choose(page.locator("[name=business_type]"), value="cooperative")
    me.fill(page.locator("[name=contact_name]"), "Lê Văn Hòa")
    me.fill(page.locator("[name=email]"), f"hoaloc-{COOP[-4:]}@example.com")
    me.fill(page.locator("[name=phone]"), "0912 888 777")
    me.choose(page.locator("[name=area]"), index=1)
    me.fill(page.locator("[name=address]"), "Thôn 3, Hòa Lộc")
    me.fill(page.locator("[name=summary]"), "Nước mắm truyền thống ủ chượp 12 tháng")
    # Its legal identity (#22), checked by a moderator before approval, and the operating rules.
    me.fill(page.locator("[name=legal-legal_name]"), COOP)
    me.choose(page.locator("[name=legal-legal_form]"), value="cooperative")
    me.fill(page.locator("[name=legal-registration_number]"), "2807000456")
    me.fill(page.locator("[name=legal-tax_code]"), "0100109106")
    me.fill(page.locator("[name=legal-registered_address]"), "Thôn 3, Hòa Lộc, Thanh Hóa")
    me.fill(page.locator("[name=legal-representative]"), "Lê Văn Hòa")
    me.tap(page.locator("[name=accept_rules]"))
    me.screen("apply")
    me.tap(page.get_by_role("button", name="Gửi đơn"))
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("main").count() == 1

    # 2. The moderator approves it (in the admin, the one place the journey uses it).
    application = site_shell(
        "from catalogue.models import BusinessApplication; "
        f"print(BusinessApplication.objects.get(business_name={COOP!r}).pk)"
    )
    mod_context, mod = _moderator(browser, site_url)
    identity = site_shell(
        "from catalogue.models import SellerIdentity; "
        f"print(SellerIdentity.objects.get(application_id={application}).pk)"
    )
    mod.goto(f"{site_url}/admin/seller-identities/check/{identity}/")
    mod.locator("main form button[type=submit]").first.click()  # verify identity and licences
    mod.wait_for_load_state("domcontentloaded")
    mod.goto(f"{site_url}/admin/business-applications/approve/{application}/")
    mod.locator("main form button[type=submit]").first.click()
    mod.wait_for_load_state("domcontentloaded")
    # The business chooses its password through the reset e-mail; the test stands in for that e-mail.
    username = site_shell(
        "from catalogue.models import BusinessApplication; "
        f"u = BusinessApplication.objects.get(business_name={COOP!r}).user; "
        "u.set_password('changeme-hoa-loc'); u.save(); print(u.get_username())"
    )

    # 3. It signs in and lands in the workspace.
    page.goto(f"{site_url}/vi/seller/")
    me.fill(page.locator("[name=username]"), username)
    me.fill(page.locator("[name=password]"), "changeme-hoa-loc")
    me.tap(page.locator("main form button[type=submit]"))
    page.wait_for_url(re.compile(r"/vi/seller/$"))
    assert COOP in page.locator("header").inner_text()
    me.screen("today")

    # 4. A product with two packs and a photo, sent for approval.
    me.tap(page.locator("nav.seller-tabs").get_by_role("link", name="Sản phẩm"))
    me.screen("products-empty")
    me.tap(page.locator("main a[href$='/seller/products/new/']").first)
    me.fill(page.locator("[name=title]"), PRODUCT)
    me.fill(page.locator("[name=summary]"), "Nước mắm cá cơm 40 độ đạm")
    me.fill(page.locator("[name=shelf_life_days]"), "730")
    me.files(page.locator("[name=photos]"), [_jpeg()])
    me.fill(page.locator("[name=packs-0-name]"), "Chai 500 ml")
    me.fill(page.locator("[name=packs-0-price]"), "120000")
    me.fill(page.locator("[name=packs-0-stock]"), "30")
    me.fill(page.locator("[name=packs-0-gtin]"), GTIN)  # from the bottle's barcode
    me.fill(page.locator("[name=packs-1-name]"), "Can 2 lít")
    me.fill(page.locator("[name=packs-1-price]"), "380000")
    me.fill(page.locator("[name=packs-1-stock]"), "10")
    me.screen("product-form")
    me.tap(page.locator("main form button[type=submit]").last)
    page.wait_for_load_state("domcontentloaded")
    assert PRODUCT in page.locator("main").inner_text()
    me.screen("products-waiting")

    # 5. The moderator approves the product (Wagtail's moderation workflow).
    product_id = site_shell(
        "from catalogue.models import ProductPage; "
        f"print(ProductPage.objects.get(title={PRODUCT!r}, locale__language_code='vi').pk)"
    )
    mod.goto(f"{site_url}/admin/pages/{product_id}/edit/")
    approve = mod.locator('button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])')
    with mod.expect_navigation():
        approve.first.dispatch_event("click")  # the plain "Approve" of the footer's action menu
    mod.wait_for_load_state("domcontentloaded")
    product_url = site_shell(
        "from catalogue.models import ProductPage; "
        f"p = ProductPage.objects.get(pk={product_id}); print(p.live, p.get_url())"
    )
    assert product_url.startswith("True "), product_url
    product_url = product_url.split(" ", 1)[1]
    mod_context.close()

    # 6. A batch, then three events; the third is entered with no network and sent when it returns.
    me.tap(page.locator("nav.seller-tabs").get_by_role("link", name="Lô hàng"))
    me.screen("batches-empty")
    me.tap(page.get_by_role("link", name="Ghi một lô hàng").first)
    me.choose(page.locator("[name=pack]"), label=f"{PRODUCT} — Chai 500 ml")
    me.fill(page.locator("[name=quantity]"), "300")
    me.choose(page.locator("[name=unit]"), value="bottle")
    me.fill(page.locator("[name=new_place]"), "Nhà thùng Hòa Lộc")
    me.screen("batch-form")
    me.tap(page.get_by_role("button", name="Lưu lô hàng"))
    page.wait_for_url(re.compile(r"/vi/seller/batches/\d+/$"))
    batch_url = page.url
    me.screen("batch")

    taps_before = me.taps
    me.tap(page.get_by_role("link", name="Thu hoạch hoặc giết mổ", exact=True))
    me.fill(page.locator("[name=quantity]"), "2000")
    me.screen("event-form")
    me.tap(page.get_by_role("button", name="Lưu", exact=True))
    page.wait_for_url(batch_url)
    me.tap(page.get_by_role("link", name="Chế biến", exact=True))
    me.tap(page.get_by_role("button", name="Lưu", exact=True))
    page.wait_for_url(batch_url)
    taps_per_event = (me.taps - taps_before - 1) / 2  # the harvest also typed a quantity
    assert taps_per_event <= 3

    me.tap(page.get_by_role("link", name="Đóng gói", exact=True))
    page.wait_for_load_state("load")
    coop_context.set_offline(True)
    me.fill(page.locator("[name=description]"), "Đóng 300 chai, dán tem")
    me.tap(page.get_by_role("button", name="Lưu", exact=True))
    status = page.locator("[data-outbox-status]")
    expect(status).to_contain_text("điện thoại")
    me.screen("event-offline", check_axe=True)
    count = (
        "from traceability.models import Batch; "
        f"print(Batch.objects.get(product__title={PRODUCT!r}, product__locale__language_code='vi')"
        ".events.count())"
    )
    assert site_shell(count) == "2"  # kept on the phone, not sent
    coop_context.set_offline(False)
    expect(status).to_contain_text("Đã gửi", timeout=30000)
    assert "Đóng gói" in status.inner_text()
    assert site_shell(count) == "3"

    # 7. Thermal labels: the PDF's QR decodes to the batch's Digital Link.
    page.goto(batch_url)
    link = page.locator("main a[href*='/01/']").first.get_attribute("href")
    label_link = page.get_by_role("link", name=re.compile("50 × 30 mm"))
    href = label_link.get_attribute("href")
    with page.expect_response(re.compile(r"/labels-50x30\.pdf")) as label_response:
        me.tap(label_link)
    assert label_response.value.headers["content-type"] == "application/pdf"
    # The same file, fetched with the cooperative's session (Chromium shows it in its viewer).
    pdf_bytes = coop_context.request.get(site_url + href).body()
    (ARTIFACTS / "seller-journey-labels-50x30.pdf").write_bytes(pdf_bytes)
    import pypdfium2
    import zxingcpp

    pdf = pypdfium2.PdfDocument(pdf_bytes)
    decoded = [r.text for r in zxingcpp.read_barcodes(pdf[0].render(scale=203 / 72).to_pil())]
    pdf.close()
    assert decoded == [link] and re.search(r"/01/\d{14}/10/", link)
    page.goto(batch_url)  # back from the PDF viewer
    me.taps += 1

    # 8. A shopper orders a bottle (cash on delivery).
    buyer_context = browser.new_context(viewport=PHONE, locale="vi-VN")
    shopper = buyer_context.new_page()
    shopper.goto(f"{site_url}{product_url}" if product_url.startswith("/") else product_url)
    # The form's script fetches a CSRF token first, then posts: wait for that navigation.
    with shopper.expect_navigation():
        shopper.get_by_role("button", name="Thêm vào giỏ").first.click()
    shopper.goto(f"{site_url}/vi/checkout/")
    shopper.get_by_label("Họ và tên").fill("Trần Thị Lan")
    shopper.get_by_label("Điện thoại").fill("0987 111 222")
    shopper.get_by_label("Tỉnh hoặc thành phố").select_option(label="Thanh Hóa")
    shopper.get_by_label("Phường hoặc xã").select_option(label="Phường Hạc Thành")
    shopper.get_by_label(re.compile("Số nhà")).fill("5 Lê Hoàn")
    shopper.get_by_label(re.compile("Thanh toán khi nhận hàng")).check()
    shopper.locator('input[name="accept_policies"]').check()
    shopper.get_by_role("button", name="Đặt hàng").click()
    shopper.wait_for_url(re.compile(r"/vi/orders/[A-Z0-9]+/"))
    order_url = shopper.url

    # 9. The cooperative packs and ships it with the batch.
    me.tap(page.locator("nav.seller-tabs").get_by_role("link", name="Đơn hàng"))
    assert "Trần Thị Lan" in page.locator("main").inner_text()
    me.screen("orders")
    # The installed app's service worker keeps static files and the offline screen, never a page of orders.
    cached = page.evaluate(CACHED_PATHS)
    assert "/vi/seller/offline/" in cached and "/static/seller/outbox.js" in cached
    assert all(path.startswith("/static/") or path == "/vi/seller/offline/" for path in cached), cached
    me.tap(page.locator("main .order-card a").filter(has_text=PRODUCT).first)
    me.screen("order-line")
    me.tap(page.get_by_role("button", name="Đánh dấu đã đóng gói"))
    page.wait_for_load_state("domcontentloaded")
    assert page.locator("[name=batch] option").count() == 1  # its own batch, already chosen
    me.screen("order-line-packed")
    me.tap(page.get_by_role("button", name="Đánh dấu đã gửi hàng"))
    page.wait_for_load_state("domcontentloaded")
    assert "Đang giao" in page.locator("main").inner_text()
    me.screen("order-line-shipped")

    # 10. The buyer's order page and the batch's trace page show it.
    shopper.goto(order_url)
    assert "Đang giao" in shopper.locator("main").inner_text()
    shopper.screenshot(path=str(ARTIFACTS / "seller-journey-buyer-order.png"), full_page=True)
    shopper.goto(link)
    trace = shopper.locator("main").inner_text()
    assert "cho người mua ở Thanh Hóa" in trace and "Đóng 300 chai" in trace
    shopper.screenshot(path=str(ARTIFACTS / "seller-journey-trace.png"), full_page=True)
    buyer_context.close()

    print(f"\nseller journey (cooperative, 390×844): {me.taps} taps, {me.loads} page loads")
    (ARTIFACTS / "seller-journey-counts.txt").write_text(f"taps {me.taps}\npage loads {me.loads}\n", encoding="utf-8")
    coop_context.close()
