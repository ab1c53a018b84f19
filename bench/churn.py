"""Stock churn for `make bench`: orders take and give back stock through the catalogue's
services (`reserve_stock`, `release_stock`, what checkout and cancellations call) RATE times
a second while wrk drives the pages. Every fifth change empties or refills the watched
product, then asks the site for its page once: the very next request must show the change
(the add-to-cart form is there only while a pack is in stock).

Run by bench.bench with the site's environment: python -m bench.churn BASE_URL PRODUCT_URL PRODUCT_ID
[RATE]. Stops on SIGTERM and prints, as its last line, the JSON of what it did.
"""

import json
import os
import signal
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import django

stopping = False


def _stop(*_):
    global stopping
    stopping = True


signal.signal(signal.SIGTERM, _stop)  # before Django starts: a stop during setup ends the loop at once
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
django.setup()

from django.db import connection, transaction  # noqa: E402

from catalogue.models import ProductVariant  # noqa: E402
from catalogue.services import OutOfStock, release_stock, reserve_stock  # noqa: E402

IN_STOCK_MARK = 'class="add-to-cart"'


def shows_in_stock(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 — loopback
        return IN_STOCK_MARK in response.read().decode()


def order_one(variant_id: int) -> None:
    """An order takes one unit; an emptied variant is restocked, as a cancellation would."""
    try:
        with transaction.atomic():
            reserve_stock(variant_id, 1)
    except OutOfStock:
        release_stock(variant_id, 50)


def set_watched(variants: list[int], in_stock: bool) -> None:
    with transaction.atomic():
        for variant in ProductVariant.objects.filter(pk__in=variants):
            if in_stock:
                release_stock(variant.pk, 20)
            elif variant.stock:
                reserve_stock(variant.pk, variant.stock)


def main() -> None:
    base, product_url, product_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rate = float(sys.argv[4]) if len(sys.argv) > 4 else 5.0
    watched = list(ProductVariant.objects.filter(product_id=product_id).values_list("pk", flat=True))
    # Other products' packs: the watched product's neighbours in the catalogue.
    pool = list(
        ProductVariant.objects.exclude(product_id=product_id)
        .filter(product_id__gte=product_id - 200, product_id__lte=product_id + 200)
        .values_list("pk", flat=True)[:200]
    )
    done, stale, check_ms = [], [], []
    state = {"in_stock": True}

    def order(variant_id: int) -> None:
        try:
            order_one(variant_id)
            done.append(1)
        finally:
            connection.close()  # each worker thread has its own connection

    def change_and_check() -> None:
        """Empty or refill the watched product, then ask for its page once."""
        try:
            state["in_stock"] = not state["in_stock"]
            set_watched(watched, state["in_stock"])
            done.append(1)
            asked = time.monotonic()
            shown = shows_in_stock(base + product_url)
            check_ms.append((time.monotonic() - asked) * 1000)
            if shown != state["in_stock"]:
                stale.append({"check": len(check_ms), "expected_in_stock": state["in_stock"]})
        finally:
            connection.close()

    # A stock change costs tens of milliseconds (the summary, the caches it drops): orders run
    # side by side on a few threads, as they would from several app servers; the watched
    # product's changes and checks run one at a time on their own thread.
    workers, watcher = ThreadPoolExecutor(max_workers=4), ThreadPoolExecutor(max_workers=1)
    started, ticks = time.monotonic(), 0
    while not stopping:
        time.sleep(max(0.0, started + ticks / rate - time.monotonic()))
        if ticks % 5 == 4:
            watcher.submit(change_and_check)
        else:
            workers.submit(order, pool[ticks % len(pool)])
        ticks += 1
    watcher.shutdown(wait=True)
    workers.shutdown(wait=True)
    seconds = max(time.monotonic() - started, 1e-9)
    set_watched(watched, True)
    checks = len(check_ms)
    print(
        json.dumps(
            {
                "changes": len(done),
                "seconds": round(seconds, 1),
                "changes_per_second": round(len(done) / seconds, 2),
                "checks": checks,
                "stale": len(stale),
                "stale_examples": stale[:5],
                "check_p50_ms": round(sorted(check_ms)[len(check_ms) // 2], 1) if check_ms else None,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
