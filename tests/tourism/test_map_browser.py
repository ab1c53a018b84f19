"""The map in a real browser (Debian's Chromium via Playwright): Leaflet draws every feature
of the GeoJSON and the type checkboxes toggle markers and list sections.

OpenStreetMap tiles are refused (no network here): markers and filters do not need them.
"""

import json
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture
def server_url(tourism):
    """The site served from this process (it sees the committed demo content)."""
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override={}, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@pytest.fixture
def features(tourism, client):
    """The GeoJSON features, read before Playwright's event loop starts in this thread."""
    return json.loads(client.get("/en/map/data.geojson").content)["features"]


@pytest.fixture
def browser_page(features, server_url):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: make test installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        page = context.new_page()
        page.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
        yield page
        browser.close()


def test_map_draws_every_feature_and_filters_by_type(features, server_url, browser_page):
    page = browser_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    eat = sum(1 for f in features if f["properties"]["kind"] == "eat")
    assert eat > 0

    page.goto(f"{server_url}/en/map/")
    markers = page.locator("#map path.leaflet-interactive")
    markers.nth(len(features) - 1).wait_for(state="attached", timeout=15000)
    assert markers.count() == len(features)
    assert page.locator("#map").is_visible()
    assert not page.get_by_role("button", name="Update").is_visible()  # the no-JS submit hides

    page.get_by_role("checkbox", name="Places to eat").uncheck()
    assert markers.count() == len(features) - eat
    assert page.locator('section[data-kind="eat"]').is_hidden()
    page.get_by_role("checkbox", name="Places to eat").check()
    assert markers.count() == len(features)

    markers.first.click(force=True)
    popup = page.locator(".leaflet-popup-content a")
    popup.wait_for(timeout=5000)
    assert popup.get_attribute("href").startswith("/en/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tourism_map.png"), full_page=True)
    assert errors == []


def test_attraction_page_shows_visiting_facts_and_nearby(server_url, browser_page):
    page = browser_page
    page.goto(f"{server_url}/vi/du-lich/thanh-nha-ho/")
    assert page.get_by_role("heading", name="Thành nhà Hồ", level=1).is_visible()
    assert page.get_by_role("heading", name="Tham quan", exact=True).is_visible()
    assert page.get_by_text("40.000").first.is_visible()
    nearby = page.get_by_role("region", name="Gần đây")
    assert nearby.get_by_role("link", name="Phủ Trịnh", exact=True).is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tourism_attraction.png"), full_page=True)


AXE = Path(__file__).resolve().parents[1] / "e2e" / "node_modules" / "axe-core" / "axe.min.js"


TOURISM_PATHS = [
    "/vi/du-lich/",
    "/en/travel/?type=beach",
    "/en/travel/citadel-of-the-ho-dynasty/",
    "/vi/du-lich/le-hoi-lam-kinh/",
    "/en/travel/thanh-hoa-heritage-in-2-days/",
    "/en/travel/pu-luong-retreat/",
    "/en/map/",
    "/vi/festivals/",
]


def test_tourism_pages_have_no_serious_accessibility_violations(server_url, browser_page):
    """axe-core on each kind of tourism page; one browser for all, so the list stays cheap."""
    if not AXE.exists():
        pytest.skip(f"{AXE} is missing (make test installs axe-core from the npm registry); axe was not run")
    page = browser_page
    found = {}
    for path in TOURISM_PATHS:
        page.goto(f"{server_url}{path}")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [
            {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if serious:
            found[path] = serious
    assert found == {}
