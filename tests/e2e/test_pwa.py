"""The shoppers' app in Chromium on a phone (390×844): Lighthouse's installability criteria
checked directly (the manifest's fields and icons, a service worker registered and controlling
the page, the start_url answering 200 offline), a trace page visited once opening offline, a
page never visited giving the offline page, and nothing private in the worker's caches.

"Offline" is real: the browser reaches the site through a local relay that the test closes
(Playwright's set_offline does not reach a service worker's own requests in Chromium, so the
worker would still fetch from the network). Screenshots: tests/artifacts/pwa-*.png."""

import contextlib
import socket
import socketserver
import threading
from urllib.parse import urlsplit

import pytest

from .conftest import ARTIFACTS, _get_json, demo_batch_link, site_shell

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

CACHED_URLS_JS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
  }
  return urls;
}"""


class Relay(socketserver.ThreadingTCPServer):
    """A TCP relay to the site; `cut()` closes it and every open connection: the site is gone."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.open_sockets: set[socket.socket] = set()
        super().__init__(("127.0.0.1", 0), RelayHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def cut(self) -> None:
        self.shutdown()
        self.server_close()
        for sock in list(self.open_sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


class RelayHandler(socketserver.BaseRequestHandler):
    def handle(self):
        upstream = socket.create_connection(self.server.target)
        self.server.open_sockets.update({self.request, upstream})

        def pump(source, sink):
            try:
                while data := source.recv(65536):
                    sink.sendall(data)
            except OSError:
                pass
            finally:
                for sock in (source, sink):
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)

        back = threading.Thread(target=pump, args=(upstream, self.request), daemon=True)
        back.start()
        pump(self.request, upstream)
        back.join()
        self.server.open_sockets.difference_update({self.request, upstream})
        upstream.close()


PLACE_TRANSFER_ORDER = (
    "import uuid; from catalogue.models import ProductVariant; "
    "from orders.services import CustomerDetails, place_order; from portal.places import ward_choices; "
    "v = ProductVariant.objects.on_sale().filter(stock__gte=1).order_by('pk').first(); "
    "d = CustomerDetails('Lò Thị Mai', '0356789123', '', 38, ward_choices(38)[0][0], 'Bản Lác', '', 'vietqr'); "
    "o, _ = place_order({v.pk: 1}, d, uuid.uuid4().hex); print(o.code)"
)


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"pwa-{name}.png"), full_page=True)


def test_app_installs_and_a_trace_page_seen_once_opens_offline(browser, site_url):
    relay = Relay((urlsplit(site_url).hostname, urlsplit(site_url).port))
    real_site, site_url = site_url, relay.url
    context = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
    try:
        assert page.goto(f"{site_url}/vi/").status == 200

        # The manifest, as Lighthouse reads it.
        manifest_url = page.eval_on_selector('link[rel="manifest"]', "link => link.href")
        manifest = page.evaluate("async (url) => (await fetch(url)).json()", manifest_url)
        assert manifest["name"] and manifest["short_name"]
        assert manifest["display"] == "standalone" and manifest["theme_color"]
        assert manifest["start_url"] == "/vi/" and manifest["scope"] == "/"
        sizes = {icon["sizes"] for icon in manifest["icons"]}
        assert {"192x192", "512x512"} <= sizes
        assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
        for icon in manifest["icons"]:
            answer = page.request.get(site_url + icon["src"])
            assert answer.ok and answer.headers["content-type"] == "image/png"
        assert page.eval_on_selector('meta[name="theme-color"]', "m => m.content")
        assert page.eval_on_selector('meta[name="viewport"]', "m => m.content").startswith("width=device-width")

        # A service worker registered with scope / and controlling the page.
        scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
        assert scope == f"{site_url}/"
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)

        # Pages seen online: a trace page (from a label's QR code), a product with its share
        # links, and the cart (which must never be kept).
        trace_url = site_url + urlsplit(demo_batch_link(real_site)).path
        assert page.goto(trace_url).status == 200
        trace_heading = page.locator("h1").first.inner_text()
        product = _get_json(f"{real_site}/api/v2/pages/?type=catalogue.ProductPage&locale=vi&limit=1")["items"][0]
        page.goto(site_url + urlsplit(product["meta"]["html_url"]).path)
        zalo = page.locator(".share").get_by_role("link", name="Zalo")
        assert zalo.get_attribute("href").startswith("https://sp.zalo.me/share_inline?url=")
        _shot(page, "product-share")
        # A transfer order, opened with its code and phone: copy buttons, bank name, QR to save.
        code = site_shell(PLACE_TRANSFER_ORDER)
        page.goto(f"{site_url}/vi/orders/lookup/")
        page.fill("input[name=code]", code)
        page.fill("input[name=phone]", "0356789123")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"**/vi/orders/{code}/")
        assert page.get_by_text("Vietcombank").is_visible()
        copy_account = page.get_by_role("button", name="Sao chép số tài khoản")
        copy_account.click()
        assert page.evaluate("navigator.clipboard.readText()") == "0011001234567"
        assert page.get_by_role("link", name="Lưu mã QR (PNG)").get_attribute("href") == f"/vi/orders/{code}/vietqr.png"
        _shot(page, "order-transfer")

        page.goto(f"{site_url}/vi/cart/")
        page.wait_for_timeout(500)  # let the worker finish storing what it keeps

        relay.cut()

        # The start_url answers 200 offline (Lighthouse's check), from the worker.
        start = page.goto(f"{site_url}/vi/")
        assert start.status == 200 and start.from_service_worker

        # The trace page seen once opens offline, whole.
        offline_trace = page.goto(trace_url)
        assert offline_trace.status == 200
        assert page.locator("h1").first.inner_text() == trace_heading
        photo = page.locator("main img").first
        assert photo.evaluate("img => img.complete && img.naturalWidth > 0"), photo.get_attribute("src")
        _shot(page, "trace-offline")

        # A page never seen: the offline page, in the page's language.
        page.goto(f"{site_url}/en/search/?q=never-seen")
        assert page.get_by_role("heading", name="You are offline").is_visible()
        page.goto(f"{site_url}/vi/gio-hang-chua-xem/")
        assert page.get_by_role("heading", name="Bạn đang ngoại tuyến").is_visible()
        _shot(page, "offline-page")

        # The cart was seen but is never kept: offline it is the offline page, and no private
        # path is in any of the worker's caches.
        page.goto(f"{site_url}/vi/cart/")
        assert page.get_by_role("heading", name="Bạn đang ngoại tuyến").is_visible()
        cached = page.evaluate(CACHED_URLS_JS)
        assert any(path.startswith("/01/") for path in cached), cached
        assert not [path for path in cached if code in path], cached
        private = ("/vi/cart/", "/vi/checkout/", "/vi/account/", "/vi/orders/", "/vi/seller/", "/admin/", "/payments/")
        assert not [path for path in cached if path.startswith(private)], cached
    finally:
        context.close()
        relay.cut()
