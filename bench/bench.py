"""`make bench`: throughput and latency of the site's hot pages, as ratios to two
baselines measured in the same run on the same machine:

- trivial: a Django view returning "ok" (the ceiling for any Django page here);
- bare:    the home page of a fresh `wagtail start` project.

Every server is gunicorn with the same workers on loopback, driven by wrk at fixed
concurrency after a warm-up. Results: a table on stdout and bench/results.json.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg

from tests.servers.redis import RedisServer

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
BIN = Path(PY).parent
PG = os.environ["BENCH_PG"]
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
WARMUP = os.environ.get("BENCH_WARMUP", "3s")
WORKERS = os.environ.get("BENCH_WORKERS", "2")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))  # 1 = 10,000 products; smaller for a quick look
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results.json"))  # elsewhere for a trial run


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recreate_database(name: str) -> str:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{PG}/{name}"


def site_env(database_url: str, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 60,
        "TRACE_SIGNING_KEY": "YmVuY2gtdHJhY2Utc2lnbmluZy1rZXktMzItYnl0ZXM=",  # 32 bytes, bench only
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "ELASTICSEARCH_URL": "",
        # wrk's load comes from one address: rate limits would answer 429 instead of measuring.
        "RATELIMIT_ENABLED": "0",
        "STATIC_ROOT": str(ROOT / "staticfiles"),
        **extra,
    }


@contextmanager
def gunicorn(wsgi: str, env: dict, cwd: Path, probe: str = "/"):
    port = free_port()
    log = open(ROOT / "bench" / f"gunicorn-{wsgi.split('.')[0]}.log", "a")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            wsgi,
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            WORKERS,
            "--access-logfile",
            "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
        ],
        env={**env, "PYTHONPATH": str(cwd)},
        cwd=cwd,
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + probe, timeout=5)  # noqa: S310 — loopback
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def wrk(url: str, *, method: str = "GET", body: str = "", headers: dict | None = None) -> dict:
    script = (ROOT / "bench" / "latency.lua").read_text()
    if method != "GET":
        lines = [f'wrk.method = "{method}"', f"wrk.body = {json.dumps(body)}"]
        lines += [f'wrk.headers["{k}"] = "{v}"' for k, v in (headers or {}).items()]
        script = "\n".join(lines) + "\n" + script
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    common = ["wrk", "-t2", f"-c{CONNECTIONS}", "-s", handle.name, url]
    subprocess.run([*common[:3], "-d", WARMUP, *common[3:]], capture_output=True, check=True)
    out = subprocess.run([*common[:3], "-d", DURATION, *common[3:]], capture_output=True, text=True, check=True)
    os.unlink(handle.name)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bare_wagtail_project(database_url: str) -> Path:
    """A fresh `wagtail start` project on PostgreSQL, migrated, in a temp dir."""
    directory = Path(tempfile.mkdtemp(prefix="bench-bare-"))
    subprocess.run([str(BIN / "wagtail"), "start", "bare", str(directory)], check=True, capture_output=True)
    with open(directory / "bare" / "settings" / "production.py", "a") as settings:
        settings.write(
            "\nimport dj_database_url\nSECRET_KEY = 'bench-bare'\nALLOWED_HOSTS = ['*']\n"
            f"DATABASES = {{'default': dj_database_url.parse({database_url!r}, conn_max_age=600)}}\n"
        )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bare.settings.production"}
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=directory, env=env, check=True)
    # Its production settings use the manifest storage: without collectstatic every page is a 500.
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=directory, env=env, check=True)
    return directory


def measure_baselines(results: dict, bare_dir: Path, when: str) -> None:
    print(f"baselines ({when}): a trivial Django view, a bare `wagtail start` home page", flush=True)
    with gunicorn("bench.trivial.wsgi:application", {**os.environ}, ROOT) as base:
        trivial = wrk(base + "/")
    with gunicorn(
        "bare.wsgi:application", {**os.environ, "DJANGO_SETTINGS_MODULE": "bare.settings.production"}, bare_dir
    ) as base:
        bare = wrk(base + "/")
    if bare["non2xx"] or trivial["non2xx"]:
        sys.exit("a baseline answered errors, so its figures mean nothing: see bench/gunicorn-*.log")
    for name, row in (("trivial", trivial), ("bare_wagtail", bare)):
        results.setdefault("baselines", {}).setdefault(name, {})[when] = row
        runs = results["baselines"][name].values()
        results[name] = {"rps": round(sum(r["rps"] for r in runs) / len(runs), 1), "runs": [r["rps"] for r in runs]}
        for key in ("p50_ms", "p95_ms", "p99_ms"):
            results[name][key] = round(sum(r[key] for r in runs) / len(runs), 2)


def main() -> None:
    results: dict = {
        "machine": {"cores": os.cpu_count()},
        "settings": {"connections": CONNECTIONS, "duration": DURATION, "workers": WORKERS, "scale": SCALE},
    }

    bare_dir = bare_wagtail_project(recreate_database("bench_bare"))
    measure_baselines(results, bare_dir, "before")

    print("site: migrate and generate the fixture (takes a few minutes)", flush=True)
    database_url = recreate_database("xuthanh_bench")
    env = site_env(database_url)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    # The demo content first (dev settings: production refuses the demo sign-ins), then the volume.
    subprocess.run(
        [PY, "manage.py", "load_demo"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"},
        check=True,
        capture_output=True,
    )
    fixture = subprocess.run(
        [PY, "-m", "bench.fixture", str(SCALE)], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    urls = json.loads(fixture.stdout.strip().splitlines()[-1])
    results["fixture"] = urls.pop("counts")

    print("site: province dashboard in-process, warm", flush=True)
    timing = subprocess.run(
        [PY, "-m", "bench.inprocess"], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    results.update(json.loads(timing.stdout.strip().splitlines()[-1]))
    # cache_warm: the anonymous page cache answers; cache_off: the page cache is off (a
    # signed-in visitor, or the first view after a publish), the shared fragments are warm;
    # no_cache: neither, every request builds everything (the floor).
    # redis_warm, redis_off: the production shape (README, "Running in production"): the same
    # modes with the cache, rate limits and scan/page-view buffer in Redis instead of memory.
    redis = RedisServer()
    redis.start()
    modes = (
        ("cache_warm", "300", "600", ""),
        ("cache_off", "0", "600", ""),
        ("no_cache", "0", "0", ""),
        ("redis_warm", "300", "600", redis.url),
        ("redis_off", "0", "600", redis.url),
    )
    for mode, page_seconds, fragment_seconds, redis_url in modes:
        print(f"site: pages with {mode}", flush=True)
        caches = {"PAGE_CACHE_SECONDS": page_seconds, "FRAGMENT_CACHE_SECONDS": fragment_seconds}
        caches["REDIS_URL"] = redis_url
        with gunicorn("portal.wsgi:application", {**env, **caches}, ROOT, probe="/healthz") as base:
            results[mode] = {}
            for name, spec in urls.items():
                if isinstance(spec, str):
                    results[mode][name] = wrk(base + spec)
                else:
                    results[mode][name] = wrk(
                        base + spec["url"],
                        method=spec["method"],
                        body=spec.get("body", ""),
                        headers=spec.get("headers"),
                    )

    redis.close()

    # The machine's speed drifts over a run (a shared VM): the baselines are measured again
    # after the site, and the ratios use the mean of the two measurements.
    measure_baselines(results, bare_dir, "after")
    shutil.rmtree(bare_dir, ignore_errors=True)

    print("search: faceted product query on the database backend and on Elasticsearch (bench/search.py)", flush=True)
    search_env = {
        **os.environ,
        "DATABASE_URL": recreate_database("xuthanh_search_bench"),
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    search = subprocess.run(
        [PY, "-m", "bench.search"], cwd=ROOT, env=search_env, capture_output=True, text=True, check=False
    )
    results["search"] = search.stdout.strip().splitlines() or search.stderr.strip().splitlines()[-5:]

    report(results)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten: {RESULTS}")


def report(results: dict) -> None:
    trivial, bare = results["trivial"]["rps"], results["bare_wagtail"]["rps"]
    print(
        f"\n{'page':<22}{'mode':<12}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'×trivial':>10}{'×bare':>8}{'non2xx':>8}"
    )
    print(
        f"{'trivial view':<22}{'mean':<12}{trivial:>9.0f}{results['trivial']['p50_ms']:>9.1f}"
        f"{results['trivial']['p95_ms']:>9.1f}{results['trivial']['p99_ms']:>9.1f}"
    )
    print(
        f"{'bare wagtail home':<22}{'mean':<12}{bare:>9.0f}{results['bare_wagtail']['p50_ms']:>9.1f}"
        f"{results['bare_wagtail']['p95_ms']:>9.1f}{results['bare_wagtail']['p99_ms']:>9.1f}"
    )
    print(
        f"  (baselines measured before and after the site, req/s: trivial {results['trivial']['runs']}, "
        f"bare {results['bare_wagtail']['runs']})"
    )
    for mode in ("cache_warm", "cache_off", "no_cache", "redis_warm", "redis_off"):
        for name, row in results.get(mode, {}).items():
            row["x_trivial"] = round(row["rps"] / trivial, 3)
            row["x_bare"] = round(row["rps"] / bare, 3)
            print(
                f"{name:<22}{mode:<12}{row['rps']:>9.0f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
                f"{row['p99_ms']:>9.1f}{row['x_trivial']:>10.2f}{row['x_bare']:>8.2f}{row['non2xx']:>8}"
            )
    for key, value in results.items():
        if key.startswith("inproc_"):
            print(f"{key}: {value}")
    for line in results.get("search", []):
        print(line)


if __name__ == "__main__":
    main()
