"""The production shape over HTTP: two gunicorn instances sharing PostgreSQL, Redis and
Elasticsearch, one task worker and the scheduler (tests/production/stack.py). Figures are
printed with a `FIGURE` prefix (run with -s to see them)."""

import re
import threading
import time
from pathlib import Path

import requests

from .stack import ROOT, Browser, wait_for

PHONE = "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36"


def figure(text: str) -> None:
    print(f"FIGURE {text}")


def test_every_process_is_started_as_its_systemd_unit_starts_it():
    """The units call deploy/commands.sh with the role the stack starts (web, worker, scheduler)."""
    starts = {}
    for unit in (ROOT / "deploy" / "systemd").glob("*.service"):
        line = next(line for line in unit.read_text().splitlines() if line.startswith("ExecStart="))
        starts[unit.name] = line.removeprefix("ExecStart=")
    assert starts == {
        "xuthanh-web@.service": "/srv/xuthanh/deploy/commands.sh web",
        "xuthanh-worker.service": "/srv/xuthanh/deploy/commands.sh worker",
        "xuthanh-scheduler.service": "/srv/xuthanh/deploy/commands.sh scheduler",
    }


def test_healthz_reports_each_engine(stack):
    for base in (stack.a, stack.b):
        response = requests.get(base + "/healthz", timeout=10)
        assert response.status_code == 200
        assert response.json() | {"vendor": "postgresql"} == {
            "status": "ok",
            "database": "ok",
            "vendor": "postgresql",
            "redis": "ok",
            "search": "ok",
            "tasks": "DatabaseBackend",
        }


def _indexed(stack, page_id: int) -> bool:
    response = requests.get(f"{stack.es_url}/{stack.index_prefix}-products-en/_doc/{page_id}", timeout=10)
    return response.status_code == 200 and response.json().get("found", False)


def test_a_publish_through_one_instance_is_seen_at_once_on_the_other(stack):
    product = stack.facts["products"][0]
    url = product["en_url"]
    visitor, admin = Browser(), Browser()
    assert visitor.get(stack.b + url).status_code == 200
    # The page cache is shared: what B stored, A answers from.
    assert visitor.get(stack.a + url).headers.get("X-Page-Cache") == "hit"
    assert _indexed(stack, product["en_id"])

    admin.sign_in_admin(stack.a)
    try:
        _unpublish_then_publish(stack, admin, visitor, product)
    finally:  # the other tests scan this product's batches
        stack.shell(
            "from wagtail.models import Page; import json;"
            f"page = Page.objects.get(pk={product['en_id']});"
            "page.live or page.get_latest_revision().publish(); print(json.dumps(True))"
        )


def _unpublish_then_publish(stack, admin, visitor, product):
    url = product["en_url"]
    response = admin.post_form(stack.a, f"/admin/pages/{product['en_id']}/unpublish/", {})
    assert response.status_code == 302, response.text[:300]
    started = time.monotonic()
    assert visitor.get(stack.b + url).status_code == 404  # B's next request
    figure(f"unpublish answered on A -> B's next request is a 404 ({time.monotonic() - started:.3f} s later)")
    # The search index and the proxy hear of it through the task worker.
    wait_for(lambda: not _indexed(stack, product["en_id"]), what="the worker to drop the page from Elasticsearch")
    wait_for(
        lambda: any(path == url and method == "PURGE" for method, _host, path in stack.purges.requests),
        what="the worker to purge the page from the proxy",
    )

    publish = f"/admin/bulk/wagtailcore/page/publish/?id={product['en_id']}&next=/admin/"
    response = admin.post_form(stack.a, publish, {})
    assert response.status_code == 302, response.text[:300]
    started = time.monotonic()
    assert visitor.get(stack.b + url).status_code == 200
    figure(f"publish answered on A -> B's next request is a 200 ({time.monotonic() - started:.3f} s later)")
    wait_for(lambda: _indexed(stack, product["en_id"]), what="the worker to index the page again")


def _place_order(stack, base: str, variant: int, payment_method: str) -> str:
    from portal.places import ward_choices

    shopper = Browser()
    response = shopper.post_form(base, "/vi/cart/add/", {"variant": variant, "quantity": 1})
    assert response.status_code in (200, 302), response.text[:300]
    page = shopper.get(base + "/vi/checkout/")
    token = re.search(r'name="token" value="([0-9a-f]{32})"', page.text).group(1)
    data = {
        "token": token,
        "name": "Nguyễn Thị Lan",
        "phone": "+84 912 345 678",
        "email": "lan@example.com",
        "province": "38",
        "ward": str(ward_choices(38)[0][0]),
        "street": "12 Lê Lợi",
        "payment_method": payment_method,
        "accept_policies": "on",
    }
    response = shopper.post_form(base, "/vi/checkout/", data)
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]


def test_an_order_on_one_instance_shows_in_stock_on_the_other_and_is_mailed_by_the_worker(stack):
    product = stack.facts["products"][1]
    stack.shell(
        f"from catalogue.models import ProductVariant; import json;"
        f"print(json.dumps(ProductVariant.objects.filter(pk={product['variant']}).update(stock=1)))"
    )
    visitor = Browser()
    for _ in range(2):  # the second answer comes from the shared page cache
        page = visitor.get(stack.b + product["en_url"])
        assert page.status_code == 200 and "Out of stock" not in page.text

    code = _place_order(stack, stack.a, product["variant"], "cod")
    assert "Out of stock" in visitor.get(stack.b + product["en_url"]).text  # B's next request

    def mailed():
        return any(code in path.read_text(errors="replace") for path in Path(stack.mail_dir).glob("*"))

    wait_for(mailed, what=f"the worker to send order {code}'s confirmation")
    sent_by_worker = stack.shell(
        "import json; from django_tasks_db.models import DBTaskResult;"
        "print(json.dumps([bool(r.worker_ids) for r in DBTaskResult.objects.filter("
        "task_path__endswith='send_order_confirmation', status='SUCCESSFUL')]))"
    )
    assert sent_by_worker and all(sent_by_worker)


def test_rate_limits_count_across_both_instances(stack):
    """Business sign-up allows 10 tries an hour per address; tries alternate between A and B."""
    visitor = Browser()
    address = "198.51.100.77"
    statuses = []
    for i in range(14):
        base = (stack.a, stack.b)[i % 2]
        response = visitor.post_form(base, "/en/sell/sign-up/", {}, headers={"X-Forwarded-For": address})
        statuses.append(response.status_code)
    figure(f"14 sign-up tries from one address across A and B: {statuses.count(429)} refused (limit 10)")
    assert 429 not in statuses[:10]
    assert statuses[10:] == [429] * 4


def test_an_unpaid_order_expires_through_the_schedule(stack):
    product = stack.facts["products"][2]
    code = _place_order(stack, stack.b, product["variant"], "vietqr")
    stack.shell(
        "import json; from datetime import timedelta; from django.utils import timezone;"
        "from orders.models import Order;"
        f"print(Order.objects.filter(code='{code}').update(created_at=timezone.now() - timedelta(days=1)))"
    )

    def status():
        return stack.shell(
            f"import json; from orders.models import Order; print(json.dumps(Order.objects.get(code='{code}').status))"
        )

    assert wait_for(lambda: status() == "expired", timeout=60, step=1, what=f"order {code} to expire")


def _scan_count(stack, code: str) -> int:
    return stack.shell(
        f"from traceability.models import Scan;print(Scan.objects.filter(batch__public_code='{code}').count())"
    )


def test_scans_acknowledged_by_either_instance_survive_a_sigkill(stack):
    code = stack.facts["batches"][0]
    before = _scan_count(stack, code)
    acknowledged = {"a": 0, "b": 0}
    failed = {"a": 0, "b": 0}
    killed = threading.Event()
    counter = iter(range(10**6))

    def send(name: str, base: str, total: int):
        session = requests.Session()
        for _ in range(total):
            n = next(counter)
            try:
                response = session.get(
                    f"{base}/t/{code}",
                    headers={"X-Forwarded-For": f"10.{n // 65536}.{n // 256 % 256}.{n % 256}", "User-Agent": PHONE},
                    timeout=10,
                )
                if response.status_code == 200:
                    acknowledged[name] += 1
                else:
                    failed[name] += 1
            except requests.RequestException:
                failed[name] += 1
                if killed.is_set():
                    return

    threads = [
        threading.Thread(target=send, args=("a", stack.a, 400)),
        threading.Thread(target=send, args=("b", stack.b, 300)),
    ]
    for thread in threads:
        thread.start()
    wait_for(lambda: acknowledged["a"] >= 150, timeout=120, step=0.05, what="150 scans on A")
    stack.processes["web_a"].kill()  # SIGKILL to gunicorn's master and workers
    killed.set()
    for thread in threads:
        thread.join(timeout=300)
    total = sum(acknowledged.values())
    stored = wait_for(
        lambda: (n := _scan_count(stack, code) - before) >= total and n, timeout=60, step=1, what="scans in PostgreSQL"
    )
    figure(
        f"scans acknowledged A={acknowledged['a']} B={acknowledged['b']} (sum {total}); "
        f"stored {stored}; lost {max(0, total - stored)}; A killed with SIGKILL mid-run; "
        f"B failures {failed['b']}"
    )
    assert failed["b"] == 0  # the other instance kept answering
    assert stored >= total  # nothing acknowledged is lost (a request in flight at the kill may be stored too)
    assert stored <= total + failed["a"]
    stack.processes["web_a"].start()


def test_without_redis_pages_answer_from_postgresql_and_healthz_says_503(stack):
    product = stack.facts["products"][0]
    code = stack.facts["batches"][1]
    before = _scan_count(stack, code)
    stack.redis.stop()
    try:
        health = requests.get(stack.a + "/healthz", timeout=10)
        assert health.status_code == 503
        assert health.json()["redis"].startswith("error") and health.json()["database"] == "ok"
        visitor = Browser()
        for base in (stack.a, stack.b):
            assert visitor.get(base + product["en_url"]).status_code == 200
            assert visitor.get(base + "/en/").status_code == 200
        # Scans wait in the process's memory meanwhile and are written by its timer.
        response = visitor.get(f"{stack.b}/t/{code}", headers={"User-Agent": PHONE, "X-Forwarded-For": "192.0.2.9"})
        assert response.status_code == 200
        wait_for(lambda: _scan_count(stack, code) == before + 1, timeout=30, step=1, what="the scan in PostgreSQL")
    finally:
        stack.redis.start()
    wait_for(lambda: requests.get(stack.a + "/healthz", timeout=10).status_code == 200, what="healthz to recover")


def test_without_postgresql_healthz_says_503(stack):
    stack.pg.stop()
    try:
        health = requests.get(stack.b + "/healthz", timeout=10)
        assert health.status_code == 503
        assert health.json()["database"].startswith("error") and health.json()["redis"] == "ok"
    finally:
        stack.pg.start()
    wait_for(lambda: requests.get(stack.b + "/healthz", timeout=10).status_code == 200, what="healthz to recover")
