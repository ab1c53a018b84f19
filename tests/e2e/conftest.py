"""Browser tests: Debian's Chromium driven by Playwright against the site served as
`make run` serves it (runserver, dev settings, demo content) on its own PostgreSQL
database, so nothing here shares state with the rest of the suite."""

import email
import email.policy
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest

from tests.servers.payos import payos_standin  # noqa: F401 — a fixture for the journeys that pay by transfer
from tests.servers.payos_standin import API_KEY, CHECKSUM_KEY, CLIENT_ID

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
MAIL = ROOT / "tests" / "e2e-mail"  # the site's e-mails, one file per connection (EMAIL_FILE_PATH)
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.e2e
SITE_ENV: dict = {}  # the environment the site runs with, for helper commands


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _recreate_database(url: str) -> None:
    admin_url, name = url.rsplit("/", 1)
    with psycopg.connect(f"{admin_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="package")  # stopped once this package's tests are done (xdist runs others after)
def site_url():
    """The demo site on a free port, with its own database; stopped at the end.

    E2E_SITE_URL points the tests at a site already running (e.g. `make run`) instead.
    """
    if os.environ.get("E2E_SITE_URL"):
        SITE_ENV.update(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.dev")
        yield os.environ["E2E_SITE_URL"].rstrip("/")
        return
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        pytest.skip("The browser tests need DATABASE_URL to point at PostgreSQL (make test sets it).")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    db_url = base.rsplit("/", 1)[0] + "/xuthanh_e2e"
    _recreate_database(db_url)
    env = SITE_ENV
    env.update(
        {
            **os.environ,
            "DATABASE_URL": db_url,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "SITE_BASE_URL": url,
            "ELASTICSEARCH_URL": "",
            "PYTHONUNBUFFERED": "1",
            # Transfers are confirmed by the PayOS stand-in's webhook, signed with its test keys.
            "PAYOS_CLIENT_ID": CLIENT_ID,
            "PAYOS_API_KEY": API_KEY,
            "PAYOS_CHECKSUM_KEY": CHECKSUM_KEY,
            "EMAIL_HOST": "",
            "EMAIL_FILE_PATH": str(MAIL),
        }
    )
    shutil.rmtree(MAIL, ignore_errors=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    log = open(ARTIFACTS.parent / "e2e-server.log", "w")  # noqa: SIM115 — lives as long as the server
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "load_demo"], env=env, check=True, cwd=ROOT, stdout=log)
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=ROOT, stdout=log, stderr=log
    )
    try:
        deadline = time.monotonic() + 180  # runserver's system checks take long on a busy machine
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 — loopback
                    if json.load(response)["database"] == "ok":
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("The site did not start; see tests/e2e-server.log")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


@pytest.fixture(scope="package")
def browser():
    """Playwright's sync API keeps an event loop in this thread while it runs, and Django refuses
    database calls under a running loop: the browser is closed once this package's tests are
    done, as later tests (in the same xdist worker) use the database."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (make test does) to run the browser tests.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context per test; a screenshot of the end state is kept as an artefact."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    # No network here: map tiles are refused quickly instead of timing out.
    page.route("**/*.tile.openstreetmap.org/**", lambda route: route.abort())
    yield page
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (from the npm registry, installed by make test) in the page."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: make test installs axe-core with npm.")
    # Evaluated over the DevTools protocol, so the page's CSP (rightly) does not apply.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def site_shell(code: str) -> str:
    """Run Python in the site's Django shell against its database (what a person cannot do from a
    browser: read ids, stand in for an e-mail); returns the last line printed."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=SITE_ENV,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def emails_to(address: str) -> list[str]:
    """The text of every e-mail the site sent to `address`, oldest first (from EMAIL_FILE_PATH)."""
    mail_dir = Path(SITE_ENV.get("EMAIL_FILE_PATH") or MAIL)
    texts = []
    for path in sorted(mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
        # The file backend writes each message followed by a line of 79 dashes.
        for raw in path.read_bytes().split(b"-" * 79):
            message = email.message_from_bytes(raw.strip(), policy=email.policy.default)
            if address in str(message.get("To", "")):
                texts.append(message.get_body(preferencelist=("plain",)).get_content())
    return texts


def link_in_email_to(address: str, pattern: str) -> str:
    """The last link matching `pattern` in the e-mails sent to `address` (waits a few seconds)."""
    for _ in range(50):
        links = [link for text in emails_to(address) for link in re.findall(r"https?://\S+", text)]
        links = [link for link in links if re.search(pattern, link)]
        if links:
            return links[-1]
        time.sleep(0.1)
    pytest.fail(f"no e-mail to {address} with a link matching {pattern}")


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — loopback
        return json.load(response)


def page_id_by_slug(site_url: str, slug: str) -> int:
    """A demo page's id, through the public read API."""
    data = _get_json(f"{site_url}/api/v2/pages/?slug={slug}&locale=vi")
    assert data["items"], f"no demo page with slug {slug}"
    return data["items"][0]["id"]


def demo_batch_link(site_url: str) -> str:
    """The Digital Link of a demo batch that has events, as printed on its label."""
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            "from traceability.models import Batch; "
            "b = Batch.objects.filter(events__isnull=False).exclude(gtin='').order_by('pk').first(); "
            "print(b.get_digital_link())",
        ],
        env=SITE_ENV,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    link = result.stdout.strip().splitlines()[-1]
    return site_url + link[link.index("/01/") :]
