"""Search speed: 10,000 products and 1,000 attractions as generated search documents;
faceted product query p50/p95 on the database backend (DATABASE_URL, e.g. a throwaway
PostgreSQL) and on an Elasticsearch node started from tests/servers/es_node; indexing rates.

Run: DATABASE_URL=postgres://… .venv/bin/python -m bench.search   (bench/bench.py runs it;
it migrates the database it is given, so never point it at one that matters).
"""

import os
import random
import statistics
import time
import uuid

WORDS = [
    "nem",
    "chua",
    "gio",
    "cha",
    "mam",
    "tom",
    "nuoc",
    "mam",
    "gao",
    "nep",
    "che",
    "mat",
    "ong",
    "chieu",
    "coi",
    "banh",
    "gai",
    "keo",
    "lac",
    "ruou",
    "dac",
    "san",
    "que",
    "huong",
]
ACCENTED = {"dac": "đặc", "san": "sản", "que": "quê", "huong": "hương", "mat": "mật", "ong": "ong"}


def _key(name: str) -> str:
    """A stable key like the ones facets carry (a translation_key for categories and areas)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


CATEGORIES = [
    _key(name)
    for name in ("Đặc sản", "Thịt chế biến", "Nước mắm", "Gạo, nếp", "Chè, trà", "Bánh kẹo", "Đồ uống", "Mật ong")
]
AREAS = [
    _key(name)
    for name in ("Nga Sơn", "Sầm Sơn", "Vĩnh Lộc", "Thọ Xuân", "Hậu Lộc", "Quảng Xương", "Tĩnh Gia", "Cẩm Thủy")
]
CERTIFICATES = ["ocop", "vietgap", "haccp", "organic"]
QUERIES = [
    ("nem chua", {}),
    ("dac san", {"ocop": ["4"]}),
    ("mam", {"area": [AREAS[0]]}),
    ("", {"category": [CATEGORIES[0]]}),
    ("gao nep", {"price": ["50000-100000"]}),
    ("chieu coi", {}),
    ("que huong", {"certificate": ["ocop"]}),
    ("đặc sản", {}),  # typed with accents: the exact-form bonus is computed too
    ("mật ong", {"ocop": ["4"]}),
    ("banh", {}),
]


def products(rng):
    from search.documents import Document

    for i in range(10_000):
        stars = rng.choice([None, None, 3, 4, 5])
        yield Document(
            kind="products",
            locale="vi",
            object_id=i + 1,
            url=f"/vi/p/{i}/",
            title=" ".join(ACCENTED.get(w, w) for w in rng.sample(WORDS, 4)).capitalize() + f" {i}",
            summary=" ".join(rng.sample(WORDS, 8)),
            text=" ".join(rng.sample(WORDS, 12)),
            facets={
                "category": [rng.choice(CATEGORIES)],
                "area": [rng.choice(AREAS)],
                "ocop": [str(stars)] if stars else [],
                "certificate": rng.sample(CERTIFICATES, rng.randint(0, 2)),
                "kind": ["products"],
            },
            price=rng.randint(10, 900) * 1000,
            in_stock=rng.random() < 0.8,
            ocop_stars=stars,
            latitude=19.5 + rng.random(),
            longitude=105 + rng.random(),
        )


def attractions(rng):
    from search.documents import Document

    for i in range(1_000):
        yield Document(
            kind="attractions",
            locale="vi",
            object_id=i + 1,
            url=f"/vi/a/{i}/",
            title=" ".join(rng.sample(WORDS, 3)) + f" {i}",
            summary=" ".join(rng.sample(WORDS, 8)),
            facets={
                "type": [rng.choice(["heritage", "nature", "beach"])],
                "area": [rng.choice(AREAS)],
                "kind": ["attractions"],
            },
            latitude=19.5 + rng.random(),
            longitude=105 + rng.random(),
        )


def fill(backend) -> None:
    for kind, generate in (("products", products), ("attractions", attractions)):
        started = time.perf_counter()
        # Repeatable data, not secrets.
        count = backend.rebuild(kind, "vi", generate(random.Random(1)))  # noqa: S311 # nosec B311
        seconds = time.perf_counter() - started
        print(f"{backend.name}: {kind}: {count} documents in {seconds:.1f} s = {count / seconds:.0f} documents/s")


def measure(backend, n: int = 200) -> None:
    from search.services import build_query

    # Warm up with every query shape (a fresh Elasticsearch node compiles its hot paths over the
    # first hundred or so queries; PostgreSQL fills its caches): steady state is what is measured.
    for _ in range(15):
        for text, filters in QUERIES:
            backend.search(build_query("products", text, filters, None, "relevance", 1, "vi"))
    times = []
    for i in range(n):
        text, filters = QUERIES[i % len(QUERIES)]
        query = build_query("products", text, filters, None, "relevance", 1, "vi")
        started = time.perf_counter()
        backend.search(query)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{backend.name}: faceted product query p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms ({n})")
    query = build_query("attractions", "", {"near": (19.8, 105.8)}, None, "distance", 1, "vi")
    started = time.perf_counter()
    backend.search(query)
    print(f"{backend.name}: attractions by distance {1000 * (time.perf_counter() - started):.1f} ms")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from search.backends.database import DatabaseBackend
    from search.backends.elastic import ElasticsearchBackend
    from tests.servers.elasticsearch import ElasticsearchNode

    call_command("migrate", "--noinput", verbosity=0)
    database = DatabaseBackend()
    fill(database)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchdocument")
    measure(database)

    node = ElasticsearchNode()
    node.start()
    try:
        elastic = ElasticsearchBackend.for_url(node.url)
        fill(elastic)
        measure(elastic)
    finally:
        node.stop()


if __name__ == "__main__":
    main()
