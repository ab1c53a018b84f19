"""In-process timings on the bench database: the province dashboard, warm.

Run by bench.bench after the fixture; prints one JSON line.
"""

import json
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402


def timed(client: Client, path: str, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path, HTTP_HOST="127.0.0.1")
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return samples


def main() -> None:
    admin = get_user_model().objects.filter(is_superuser=True).first()
    client = Client()
    # Signed in through Django's ModelBackend: the first listed backend in production settings
    # (axes, then the refusal of the demo password) does not load users from a session.
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    path = "/admin/dashboards/province/"
    cold = timed(client, path, 1)[0]
    warm = sorted(timed(client, path, 20))
    print(
        json.dumps(
            {
                "inproc_province_dashboard_ms": {
                    "cold": round(cold, 1),
                    "warm_p50": round(statistics.median(warm), 1),
                    "warm_p95": round(warm[int(len(warm) * 0.95) - 1], 1),
                }
            }
        )
    )


if __name__ == "__main__":
    main()
