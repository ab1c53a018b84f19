"""The shoppers' installable app: manifest, service worker, offline page and icons."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from portal.pwa import never_cached_paths, worker_config

pytestmark = pytest.mark.django_db


def test_manifest_has_what_installing_needs_in_the_pages_language(client):
    response = client.get("/manifest.webmanifest?lang=en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] and manifest["short_name"]
    assert manifest["start_url"] == "/en/" and manifest["scope"] == "/" and manifest["lang"] == "en"
    assert manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix("/static/"))
        width, height = Image.open(path).size
        assert f"{width}x{height}" == icon["sizes"]
    assert json.loads(client.get("/manifest.webmanifest?lang=vi").content)["start_url"] == "/vi/"


def test_service_worker_is_javascript_at_the_root_with_scope_slash(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    config = json.loads(re.search(r"const CONFIG = (\{.*?\});\n", response.content.decode()).group(1))
    assert config["neverCached"] == never_cached_paths()
    assert set(config["offline"].values()) == {"/vi/offline/", "/en/offline/"}
    assert {"/vi/", "/en/", "/vi/offline/", "/en/offline/"} <= set(config["precache"])


def test_the_worker_never_stores_carts_checkout_accounts_seller_admin_or_payments():
    never = never_cached_paths()
    for path in (
        "/vi/cart/",
        "/en/checkout/",
        "/vi/account/",
        "/vi/orders/",
        "/en/seller/",
        "/admin/",
        "/payments/",
        "/api/",
    ):
        assert path in never, path
    # and nothing public is on the list: trace pages and itineraries are kept offline
    assert not any(path.startswith(("/01/", "/t/")) for path in never)
    assert worker_config()["kept"] == ["/01/", "/t/"]


def test_the_worker_leaves_posts_and_never_cached_paths_to_the_network(client):
    worker = client.get("/sw.js").content.decode()
    assert 'if (request.method !== "GET") return;' in worker
    never_cached_branch = worker.split("if (isNeverCached(url.pathname)) {")[1].split("}")[0]
    private_page = worker.split("async function privatePage")[1].split("\n}\n")[0]
    assert "privatePage" in never_cached_branch
    assert "fetch(event.request)" in private_page and "put" not in private_page and "keepPage" not in private_page
    assert 'register("/sw.js", { scope: "/" })' in Path(finders.find("portal/pwa.js")).read_text()


def test_offline_page_in_both_languages(client):
    vi = client.get("/vi/offline/")
    en = client.get("/en/offline/")
    assert vi.status_code == en.status_code == 200
    assert "You are offline" in en.content.decode()
    assert 'lang="vi"' in vi.content.decode() and "You are offline" not in vi.content.decode()


def test_every_page_links_the_manifest_and_registers_the_worker_without_inline_script(client, site_pages):
    page = client.get("/vi/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest?lang=vi">' in page
    assert "/static/portal/pwa.js" in page
    assert "<script>" not in page


def test_favicon_ico_answers_with_the_icon_itself(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO header
