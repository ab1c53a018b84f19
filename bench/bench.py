"""`make bench`: throughput and latency of the site's hot pages, as ratios to two
baselines measured in the same run on the same machine:

- trivial: a Django view returning "ok" (the ceiling for any Django page here);
- bare:    the home page of a fresh `wagtail start` project.

Wagtail finds a page by walking the tree from the home page, two queries a level, so a bare
page costs more the deeper it sits. As a reference beside the targets (not one of them), the
bare project also gets pages at the depths of the site's measured pages (/a/, /a/b/, /a/b/c/,
the bare home page's own template), and each no-cache page is printed against the bare page at
its own depth.

Every server is gunicorn with the same workers on loopback, driven by wrk at fixed
concurrency after a warm-up. The site runs in these modes:

- no_cache_small, no_cache: both caches off (PAGE_CACHE_SECONDS=0, FRAGMENT_CACHE_SECONDS=0),
  every request builds everything, on a catalogue of 0.1× and 1× the bench scale: a page
  whose cost does not grow with the catalogue has the same p50 at both;
- cache_warm: the anonymous response cache answers;
- fragments_only: the response cache off (a signed-in visitor), template fragments warm;
- churn: the production shape (cache, rate limits and buffers in Redis) while orders change
  stock 5 times a second (bench/churn.py), which also checks that a changed product shows
  its new stock on the very next request;
- search: the search page with facets over HTTP on the database backend and on
  Elasticsearch, 10,000 products, at one connection per worker (latency, not queueing), with
  production's cache settings (a search is never kept; the shell's fragments are), and on the
  database backend with no cache as well.

Each target of issue #25 is printed with its figure and "met" or "missed"; everything goes
to bench/results.json.
"""

import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
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
# A node started a minute ago answers the bench's searches in ~37 ms (its own "took") and a warm
# one in 3-4 ms: the JVM compiles its hot paths while it serves the first queries. Production's
# node is warm, so the Elasticsearch figures are taken after this long a warm-up. Measured on
# this machine in successive 15 s windows of the search mix from a fresh node, the p95 over
# HTTP went 43.7, 35.6, 25.7, 25.9, 24.4 ms, then held at 17.6-21.5 ms from the sixth window
# (about 90 s) on: a 60 s warm-up measured a node still getting faster.
ES_WARMUP = os.environ.get("BENCH_ES_WARMUP", "180s")
WORKERS = os.environ.get("BENCH_WORKERS", "2")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))  # 1 = 10,000 products; smaller for a quick look
REUSE = os.environ.get("BENCH_REUSE") == "1"  # start from the databases an earlier run built (build_site)
SMALL = 0.1  # the second no-cache catalogue, as a share of SCALE
CHURN_RATE = 5.0  # stock changes per second
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results.json"))  # elsewhere for a trial run

PAGES = ("home", "category", "product", "attraction")  # the pages of the no-cache targets
CACHED_PAGES = (*PAGES, "trace")  # and of the response-cache and churn targets
NO_CACHE = {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}
CACHES_ON = {"PAGE_CACHE_SECONDS": "300", "FRAGMENT_CACHE_SECONDS": "600"}
SEARCHES = [
    "/vi/search/?q=nem+chua&kind=products&ocop=4",
    "/vi/search/?q=mam&kind=products",
    "/vi/search/?q=dac+san&kind=products&ocop=5",
    "/vi/search/?q=banh+gai&kind=products",
    "/vi/search/?q=mat+ong&kind=products&ocop=3",
    "/vi/search/?q=gao&kind=products&ocop=4",
]
FACET_VALUES = 2000  # a query this wide must be refused with a 400, quickly


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def recreate_database(name: str, template: str = "") -> str:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
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
        "REDIS_URL": "",
        # wrk's load comes from one address: rate limits would answer 429 instead of measuring.
        "RATELIMIT_ENABLED": "0",
        "STATIC_ROOT": str(ROOT / "staticfiles"),
        **extra,
    }


@contextmanager
def gunicorn(wsgi: str, env: dict, cwd: Path, probe: str = "/", extra_args: tuple = ()):
    if env.get("DATABASE_URL") and wsgi.startswith("portal."):
        # The code served is the tree's as it is now: a migration added since the database was
        # built would make every page a 500.
        subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
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
            *extra_args,
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


def wrk(
    url: str,
    *,
    method: str = "GET",
    body: str = "",
    headers: dict | None = None,
    paths: list[str] | None = None,
    connections: int = CONNECTIONS,
    warmup: str = WARMUP,
) -> dict:
    """wrk's figures for one URL (or, with `paths`, requests going round those paths)."""
    script = (ROOT / "bench" / "latency.lua").read_text()
    lines = []
    if method != "GET":
        lines = [f'wrk.method = "{method}"', f"wrk.body = {json.dumps(body)}"]
    lines += [f'wrk.headers["{k}"] = "{v}"' for k, v in (headers or {}).items()]
    if paths:
        listed = ", ".join(json.dumps(p) for p in paths)
        lines += [
            f"local paths = {{{listed}}}",
            "local n = 0",
            "request = function() n = n % #paths + 1; return wrk.format(nil, paths[n]) end",
        ]
    script = "\n".join(lines) + "\n" + script
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    threads = str(min(2, connections))
    # A no-cache page on a busy machine can take seconds: past wrk's 2 s timeout a request is
    # an error and not in the latencies, which would leave the p50 of the fastest few.
    common = ["wrk", f"-t{threads}", f"-c{connections}", "--timeout", "60s", "-s", handle.name, url]
    subprocess.run([*common[:3], "-d", warmup, *common[3:]], capture_output=True, check=True)
    out = subprocess.run([*common[:3], "-d", DURATION, *common[3:]], capture_output=True, text=True, check=True)
    os.unlink(handle.name)
    return json.loads(out.stdout.strip().splitlines()[-1])


def drive(base: str, urls: dict, names) -> dict:
    """wrk on each named page of the fixture's URLs."""
    rows = {}
    for name in names:
        spec = urls[name]
        if isinstance(spec, str):
            rows[name] = wrk(base + spec)
        else:
            rows[name] = wrk(
                base + spec["url"], method=spec["method"], body=spec.get("body", ""), headers=spec.get("headers")
            )
    return rows


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
    subprocess.run([PY, "manage.py", "shell", "-v0", "-c", BARE_DEEPER_PAGES], cwd=directory, env=env, check=True)
    # Its production settings use the manifest storage: without collectstatic every page is a 500.
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=directory, env=env, check=True)
    return directory


# Published pages of the bare project's own HomePage type, each a child of the last: /a/ at
# depth 3, /a/b/ at 4, /a/b/c/ at 5 (the root is 1, the home page 2).
BARE_DEEPER_PAGES = """
from home.models import HomePage
page = HomePage.objects.get(depth=2)
for slug in ("a", "b", "c"):
    page = page.add_child(instance=HomePage(title=slug.upper(), slug=slug))
    page.save_revision().publish()
"""


def depth_of(url: str) -> int:
    """A site page's depth in Wagtail's tree from its URL: the language prefix comes from
    i18n_patterns, each later segment is one level below the home page (depth 2)."""
    segments = [part for part in urllib.parse.urlsplit(url).path.split("/") if part]
    return 2 + len(segments[1:])


BARE_DEPTHS = (3, 4, 5)


def bare_path(depth: int) -> str:
    return "/" + "".join(f"{slug}/" for slug in "abc"[: depth - 2])


def bare_baseline(depth: int) -> str:
    """The name in the results of the bare baseline at `depth`."""
    return "bare_wagtail" if depth == 2 else f"bare_wagtail_depth_{depth}"


def measure_baselines(results: dict, bare_dir: Path, when: str) -> None:
    print(f"baselines ({when}): a trivial Django view, a bare `wagtail start` home page", flush=True)
    with gunicorn("bench.trivial.wsgi:application", {**os.environ}, ROOT) as base:
        trivial = wrk(base + "/")
    with gunicorn(
        "bare.wsgi:application", {**os.environ, "DJANGO_SETTINGS_MODULE": "bare.settings.production"}, bare_dir
    ) as base:
        bare = {bare_baseline(depth): wrk(base + bare_path(depth)) for depth in (2, *BARE_DEPTHS)}
    baselines = {"trivial": trivial, **bare}
    if any(row["non2xx"] for row in baselines.values()):
        sys.exit("a baseline answered errors, so its figures mean nothing: see bench/gunicorn-*.log")
    for name, row in baselines.items():
        results.setdefault("baselines", {}).setdefault(name, {})[when] = row
        runs = results["baselines"][name].values()
        results[name] = {"rps": round(sum(r["rps"] for r in runs) / len(runs), 1), "runs": [r["rps"] for r in runs]}
        for key in ("p50_ms", "p95_ms", "p99_ms"):
            results[name][key] = round(sum(r[key] for r in runs) / len(runs), 2)


def against_same_depth(results: dict, urls: dict) -> None:
    """A reference, not a target: each no-cache page against the bare page at its own depth."""
    for page in PAGES:
        depth, row = depth_of(urls[page]), results["no_cache"][page]
        row["depth"] = depth
        row["x_bare_same_depth"] = round(row["rps"] / results[bare_baseline(depth)]["rps"], 3)


def build_site(name: str, scale: float) -> tuple[dict, dict]:
    """A migrated database with the demo content and the fixture at `scale`, its search index
    rebuilt (the fixture adds pages without publishing them). Returns (env, fixture output).

    Building the fixture at scale 1 takes over ten minutes, so each built database is kept
    as the template `<name>_<scale>_template` beside its fixture output; with BENCH_REUSE=1 a
    later run on the same cluster starts from that copy (then migrates it to the tree's code).
    """
    template = f"{name}_{str(scale).replace('.', '_')}_template"
    saved = ROOT / "bench" / f".fixture-{template}.json"
    if REUSE and saved.exists() and template_exists(template):
        print(f"site: {name} from the template {template} (BENCH_REUSE=1)", flush=True)
        env = site_env(recreate_database(name, template=template))
        subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        output = json.loads(saved.read_text())
    else:
        print(f"site: migrate and generate the fixture at scale {scale:g} (takes a few minutes)", flush=True)
        env = site_env(recreate_database(name))
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
            [PY, "-m", "bench.fixture", str(scale)], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        output = json.loads(fixture.stdout.strip().splitlines()[-1])
        recreate_database(template, template=name)
        saved.write_text(json.dumps(output, ensure_ascii=False))
    subprocess.run([PY, "manage.py", "search_index", "--rebuild"], cwd=ROOT, env=env, check=True, capture_output=True)
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("ANALYZE")
    return env, output


def template_exists(name: str) -> bool:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def run_churn(env: dict, urls: dict, ids: dict, results: dict) -> None:
    print(f"site: churn, {CHURN_RATE:g} stock changes a second, production shape (Redis)", flush=True)
    redis = RedisServer()
    redis.start()
    churn_env = {**env, **CACHES_ON, "REDIS_URL": redis.url}
    try:
        with gunicorn("portal.wsgi:application", churn_env, ROOT, probe="/healthz") as base:
            churn = subprocess.Popen(
                [PY, "-m", "bench.churn", base, urls["product"], str(ids["product"]), str(CHURN_RATE)],
                cwd=ROOT,
                env=churn_env,
                stdout=subprocess.PIPE,
                text=True,
            )
            try:
                results["churn"] = drive(base, urls, CACHED_PAGES)
            finally:
                churn.send_signal(signal.SIGTERM)
                out, _ = churn.communicate(timeout=60)
            lines = out.strip().splitlines()
            results["churn_changes"] = json.loads(lines[-1]) if lines else {"error": "the churn process said nothing"}
    finally:
        redis.close()


def refused_wide_query(base: str, runs: int = 20) -> dict:
    """A search with FACET_VALUES facet values: a 400 that says why, and how fast."""
    path = "/vi/search/?q=nem&kind=products&" + "&".join(f"ocop={n % 5 + 1}" for n in range(FACET_VALUES))
    times, statuses, said = [], set(), ""
    for _ in range(runs):
        started = time.perf_counter()
        try:
            urllib.request.urlopen(base + path, timeout=10)  # noqa: S310 — loopback
            statuses.add(200)
        except urllib.error.HTTPError as error:
            statuses.add(error.code)
            said = error.read().decode(errors="replace")
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "statuses": sorted(statuses),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "says_why": 'class="error-page"' in said,  # search/refused.html: what was refused and why
    }


def run_search(env: dict, results: dict) -> None:
    """The search page with facets over HTTP, on each backend, at one connection per worker.

    The targets are measured as production serves a search: no view marks a search cacheable,
    so every one is answered from the index (tests/search/test_views.py checks it), while the
    shell around the results (menu, footer) comes from its fragments, as on every page. The
    database backend is also measured with no cache at all, as a figure beside the target."""
    from tests.servers.elasticsearch import ElasticsearchNode

    print("search: faceted product queries over HTTP, database backend", flush=True)
    connections = int(WORKERS)
    # Long request lines reach the app (gunicorn stops at 4 KB): the app must refuse them itself.
    wide = ("--limit-request-line", "0")
    with gunicorn("portal.wsgi:application", {**env, **CACHES_ON}, ROOT, probe="/healthz", extra_args=wide) as base:
        results["search_database"] = wrk(base + SEARCHES[0], paths=SEARCHES, connections=connections)
        results["search_refused"] = refused_wide_query(base)
    with gunicorn("portal.wsgi:application", {**env, **NO_CACHE}, ROOT, probe="/healthz") as base:
        results["search_database_no_cache"] = wrk(base + SEARCHES[0], paths=SEARCHES, connections=connections)
    print(f"search: the same on Elasticsearch (after {ES_WARMUP} of the same searches: a JVM warms up)", flush=True)
    node = ElasticsearchNode()
    try:
        node.start()
        es_env = {**env, **CACHES_ON, "ELASTICSEARCH_URL": node.url}
        subprocess.run(
            [PY, "manage.py", "search_index", "--rebuild"], cwd=ROOT, env=es_env, check=True, capture_output=True
        )
        with gunicorn("portal.wsgi:application", es_env, ROOT, probe="/healthz") as base:
            results["search_elasticsearch"] = wrk(
                base + SEARCHES[0], paths=SEARCHES, connections=connections, warmup=ES_WARMUP
            )
            results["search_elasticsearch"]["warmup"] = ES_WARMUP
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:  # no node, no figure: a missed target
        detail = getattr(error, "stderr", None) or str(error)
        results["search_elasticsearch_error"] = str(detail).strip().splitlines()[-3:]
    finally:
        node.stop()


def main() -> None:
    results: dict = {
        "machine": {"cores": os.cpu_count()},
        "settings": {
            "connections": CONNECTIONS,
            "duration": DURATION,
            "workers": WORKERS,
            "scale": SCALE,
            "small_scale": SCALE * SMALL,
        },
    }

    bare_dir = bare_wagtail_project(recreate_database("bench_bare"))
    measure_baselines(results, bare_dir, "before")
    small_env, small_urls = build_site("xuthanh_bench_small", SCALE * SMALL)
    results["fixture_small"] = small_urls.pop("counts")
    small_urls.pop("ids")
    print("site: pages with no_cache, small catalogue", flush=True)
    with gunicorn("portal.wsgi:application", {**small_env, **NO_CACHE}, ROOT, probe="/healthz") as base:
        results["no_cache_small"] = drive(base, small_urls, CACHED_PAGES)

    env, urls = build_site("xuthanh_bench", SCALE)
    results["fixture"] = urls.pop("counts")
    ids = urls.pop("ids")

    print("site: province dashboard in-process, warm", flush=True)
    timing = subprocess.run([PY, "-m", "bench.inprocess"], cwd=ROOT, env=env, capture_output=True, text=True)
    if timing.returncode == 0:
        results.update(json.loads(timing.stdout.strip().splitlines()[-1]))
    else:  # a figure, not a target: say what went wrong and go on
        results["inproc_province_dashboard_ms"] = {"error": timing.stderr.strip().splitlines()[-3:]}

    modes = (
        ("no_cache", NO_CACHE),
        ("cache_warm", CACHES_ON),
        ("fragments_only", {**CACHES_ON, "PAGE_CACHE_SECONDS": "0"}),
    )
    for mode, caches in modes:
        print(f"site: pages with {mode}", flush=True)
        with gunicorn("portal.wsgi:application", {**env, **caches}, ROOT, probe="/healthz") as base:
            results[mode] = drive(base, urls, urls.keys())
    run_churn(env, urls, ids, results)

    # The machine's speed drifts over a run (a shared VM): the baselines are measured again
    # after the site, and the ratios use the mean of the two measurements.
    measure_baselines(results, bare_dir, "after")
    shutil.rmtree(bare_dir, ignore_errors=True)
    against_same_depth(results, urls)

    run_search(env, results)
    if os.environ.get("BENCH_SEARCH_INPROCESS", "1") != "1":
        return finish(results)
    print("search: in-process query times and indexing rates (bench/search.py)", flush=True)
    search_env = {
        **os.environ,
        "DATABASE_URL": recreate_database("xuthanh_search_bench"),
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    search = subprocess.run(
        [PY, "-m", "bench.search"], cwd=ROOT, env=search_env, capture_output=True, text=True, check=False
    )
    results["search_inprocess"] = search.stdout.strip().splitlines() or search.stderr.strip().splitlines()[-5:]
    finish(results)


def finish(results: dict) -> None:
    results["targets"] = targets(results)
    report(results)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten: {RESULTS}")


def answered(row: dict | None) -> bool:
    """wrk's figures mean something: requests were answered, none with an error status."""
    return bool(row) and row.get("requests", 0) > 0 and row.get("p50_ms", 0) > 0 and not row.get("non2xx")


def targets(results: dict) -> list[dict]:
    """Issue #25's targets: each with its figure, its limit and whether it was met."""
    trivial, bare = results["trivial"]["rps"], results["bare_wagtail"]["rps"]
    found = []

    def target(name: str, figure, limit, met: bool, unit: str = "") -> None:
        found.append({"target": name, "figure": figure, "limit": limit, "unit": unit, "met": bool(met)})

    for page in PAGES:
        row, small = results["no_cache"][page], results["no_cache_small"][page]
        ratio = round(row["rps"] / bare, 3)
        target(f"no cache: {page} req/s ≥ 0.7× bare Wagtail home", ratio, 0.7, ratio >= 0.7 and answered(row), "×")
        growth = round(row["p50_ms"] / small["p50_ms"], 3) if small["p50_ms"] else None
        met = growth is not None and growth <= 1.25 and answered(row) and answered(small)
        target(f"no cache: {page} p50 at 1× ≤ 1.25× p50 at {SMALL:g}×", growth, 1.25, met, "×")
    for page in CACHED_PAGES:
        row = results["cache_warm"][page]
        ratio = round(row["rps"] / trivial, 3)
        target(f"response cache warm: {page} ≥ 0.5× trivial view", ratio, 0.5, ratio >= 0.5 and answered(row), "×")
    for page in CACHED_PAGES:
        row = results["churn"][page]
        ratio = round(row["rps"] / trivial, 3)
        target(f"churn: {page} ≥ 0.3× trivial view", ratio, 0.3, ratio >= 0.3 and answered(row), "×")
    changes = results.get("churn_changes", {})
    rate = changes.get("changes_per_second", 0)
    target("churn: stock changes a second", rate, CHURN_RATE, rate >= CHURN_RATE * 0.95, "/s")
    stale, checks = changes.get("stale", 1), changes.get("checks", 0)
    target(
        "churn: a changed product shows its new stock on the next request",
        f"{checks - stale}/{checks}",
        "all",
        checks > 0 and stale == 0,
    )
    for backend, limit in (("database", 50), ("elasticsearch", 30)):
        row = results.get(f"search_{backend}")
        p95 = row["p95_ms"] if answered(row) else None
        target(
            f"search with facets over HTTP, {backend}: p95 < {limit} ms",
            p95,
            limit,
            p95 is not None and p95 < limit,
            "ms",
        )
    refused = results.get("search_refused", {})
    p95 = refused.get("p95_ms")
    target(
        f"a query with {FACET_VALUES} facet values: a clear 400 in < 50 ms (p95)",
        p95,
        50,
        refused.get("statuses") == [400] and refused.get("says_why") and p95 is not None and p95 < 50,
        "ms",
    )
    return found


def report(results: dict) -> None:
    trivial, bare = results["trivial"]["rps"], results["bare_wagtail"]["rps"]
    print(
        f"\n{'page':<22}{'mode':<16}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'×trivial':>10}{'×bare':>8}{'non2xx':>8}"
    )
    for name in ("trivial", "bare_wagtail"):
        row = results[name]
        print(
            f"{name:<22}{'mean':<16}{row['rps']:>9.0f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['p99_ms']:>9.1f}"
        )
    print(
        f"  (baselines measured before and after the site, req/s: trivial {results['trivial']['runs']}, "
        f"bare {results['bare_wagtail']['runs']})"
    )
    for mode in ("no_cache_small", "no_cache", "cache_warm", "fragments_only", "churn"):
        for name, row in results.get(mode, {}).items():
            row["x_trivial"] = round(row["rps"] / trivial, 3)
            row["x_bare"] = round(row["rps"] / bare, 3)
            print(
                f"{name:<22}{mode:<16}{row['rps']:>9.0f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}"
                f"{row['p99_ms']:>9.1f}{row['x_trivial']:>10.2f}{row['x_bare']:>8.2f}{row['non2xx']:>8}"
            )
    for key, name, mode in (
        ("search_database", "search_database", "production"),
        ("search_database_no_cache", "search_database", "no_cache"),
        ("search_elasticsearch", "search_elasticsearch", "production"),
    ):
        row = results.get(key)
        if row:
            print(
                f"{name:<22}{mode:<16}{row['rps']:>9.0f}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['p99_ms']:>9.1f}"
            )
    bare_home = results["bare_wagtail"]["rps"]
    print("\nreference, not a target: a bare Wagtail page deeper in the tree, and each no-cache page")
    print("against the bare page at its own depth")
    for depth in BARE_DEPTHS:
        row = results[bare_baseline(depth)]
        share = row["rps"] / bare_home
        print(f"  bare {bare_path(depth):<10} depth {depth}: {row['rps']:>7.1f} req/s, {share:.3f}× the bare home")
    for name, row in results.get("no_cache", {}).items():
        if "x_bare_same_depth" in row:
            share = row["x_bare_same_depth"]
            print(f"  {name:<16} depth {row['depth']}: {row['rps']:>7.1f} req/s, {share:.3f}× the bare page")
    print(f"\nchurn: {results.get('churn_changes')}")
    print(f"search refused: {results.get('search_refused')}")
    for line in results.get("search_inprocess", []):
        print(f"search in-process: {line}")
    for key, value in results.items():
        if key.startswith("inproc_"):
            print(f"{key}: {value}")
    print("\ntargets (issue #25):")
    for row in results["targets"]:
        print(
            f"  {'met   ' if row['met'] else 'MISSED'} {row['target']}: "
            f"{row['figure']}{row['unit']} (limit {row['limit']})"
        )


if __name__ == "__main__":
    main()
