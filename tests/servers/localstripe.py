"""localstripe, the Stripe API server for tests: one per machine, started once per session.

It binds every interface on its port (no bind option) and keeps its state in the fixed
file /tmp/localstripe.pickle, so concurrent test sessions take turns through a lock file.
Import the fixtures from a conftest: `from tests.servers.localstripe import *  # noqa`.
"""

import fcntl
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

LOCK_PATH = "/tmp/xuthanh-localstripe.lock"
LOCK_TIMEOUT_S = 300
WEBHOOK_SECRET = "whsec_xuthanh_tests_only"
SECRET_KEY = "sk_test_xuthanh"
PUBLISHABLE_KEY = "pk_test_xuthanh"

__all__ = ["localstripe", "stripe_settings", "stripe_webhook_to_live_server", "WEBHOOK_SECRET"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"localstripe exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=1)  # noqa: S310 — loopback test server
            return
        except urllib.error.HTTPError:
            return  # it answers (401 without a key): it is up
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("localstripe did not start in time")


@pytest.fixture(scope="session")
def localstripe():
    """Base URL of a running localstripe (http://127.0.0.1:PORT)."""
    binary = Path(sys.executable).parent / "localstripe"
    if not binary.exists():
        pytest.skip("localstripe is not installed in the virtualenv (pip install -r requirements-dev.txt)")
    lock = open(LOCK_PATH, "w")  # noqa: SIM115 — held for the whole session
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() > deadline:
                pytest.skip("another test session kept localstripe busy for 5 minutes")
            time.sleep(0.5)
    port = _free_port()
    log = open(f"/tmp/xuthanh-localstripe-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [str(binary), "--port", str(port), "--from-scratch"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{base}/v1/customers", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


@pytest.fixture
def stripe_settings(localstripe, settings):
    """Django settings and the Stripe SDK pointed at localstripe."""
    import stripe

    settings.STRIPE_API_BASE = localstripe
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_JS_URL = f"{localstripe}/js.stripe.com/v3/"
    old = stripe.api_base, stripe.api_key
    stripe.api_base, stripe.api_key = localstripe, SECRET_KEY
    yield localstripe
    stripe.api_base, stripe.api_key = old


@pytest.fixture
def stripe_webhook_to_live_server(stripe_settings, live_server):
    """Register the live server's webhook endpoint with localstripe (it signs with WEBHOOK_SECRET)."""
    import urllib.parse

    url = f"{live_server.url}/payments/stripe/webhook/"
    data = urllib.parse.urlencode({"url": url, "secret": WEBHOOK_SECRET}).encode()
    request = urllib.request.Request(f"{stripe_settings}/_config/webhooks/xuthanh-tests", data=data, method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        assert response.status == 200
    return url
