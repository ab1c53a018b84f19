"""The search page (facets as links, no JavaScript needed, paginated), suggest JSON, the
navigation item, and the log of searches that found nothing. On the database backend."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail import hooks

from search.models import UnmatchedQuery

pytestmark = pytest.mark.django_db(databases=["default", "search_sqlite"])


@pytest.fixture
def db_indexed(content, settings):
    from search.backends.database import DatabaseBackend
    from tests.search.conftest import index_content

    settings.ELASTICSEARCH_URL = None
    settings.SEARCH_DATABASE_ALIAS = "default"
    index_content(DatabaseBackend(), content)
    return content


def test_urls_are_under_the_language_prefix():
    with translation.override("vi"):
        assert reverse("search:search") == "/vi/search/"
        assert reverse("search:suggest") == "/vi/search/suggest/"
    with translation.override("en"):
        assert reverse("search:search") == "/en/search/"


def test_search_is_in_the_navigation(client, db_indexed):
    assert any(hook()["url_name"] == "search:search" for hook in hooks.get_hooks("register_site_nav_item"))
    response = client.get("/vi/search/")
    assert 'href="/vi/search/"' in response.content.decode()


def test_page_lists_hits_with_facet_links_that_work_without_javascript(client, db_indexed):
    response = client.get("/vi/search/", {"q": "dac san", "kind": "products"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nem chua Thanh Hóa" in html and "Bánh gai Tứ Trụ" in html
    assert "Chiếu cói Nga Sơn" not in html
    # Facet values are plain links carrying the whole query.
    link = re.search(r'<a href="(\?[^"]*ocop=4(?:&amp;[^"]*)?)"', html)
    assert link, "an OCOP 4★ facet link"
    narrowed = client.get("/vi/search/" + link.group(1).replace("&amp;", "&"))
    narrowed_html = narrowed.content.decode()
    assert "Nem chua Thanh Hóa" in narrowed_html
    assert "Bánh gai Tứ Trụ" not in narrowed_html
    assert 'aria-current="true"' in narrowed_html  # the chosen value is marked, and links back out
    assert '<script type="module"' in html  # autocomplete is an enhancement on top


def test_pagination_links(client, db_indexed, monkeypatch):
    monkeypatch.setattr("search.views.PER_PAGE", 2)
    response = client.get("/vi/search/", {"kind": "products", "sort": "title"})
    html = response.content.decode()
    assert 'rel="next"' in html
    second = client.get("/vi/search/", {"kind": "products", "sort": "title", "page": 2}).content.decode()
    assert 'rel="prev"' in second


def test_bad_parameters_get_a_page_not_an_error(client, db_indexed):
    for params in (
        {"q": "x" * 5000},
        {"kind": "nonsense", "q": "nem"},
        {"page": "-3"},
        {"page": "abc"},
        {"sort": "drop table"},
        {"near": "north,pole", "sort": "distance", "kind": "attractions"},
        {"kind": "attractions", "near": "999,999", "sort": "distance"},
        {"kind": "products", "price": "nonsense"},
        {"kind": "products", "ocop": "4★", "area": "Nga Sơn"},
        {"kind": "products", "category": "not-a-key"},
    ):
        assert client.get("/vi/search/", params).status_code == 200, params


def test_suggest_json(client, db_indexed):
    data = client.get("/vi/search/suggest/", {"q": "thanh nha"}).json()
    assert data["suggestions"][0]["title"] == "Thành nhà Hồ"
    assert data["suggestions"][0]["url"].startswith("/vi/")
    english = client.get("/en/search/suggest/", {"q": "citad"}).json()
    assert [s["title"] for s in english["suggestions"]] == ["Citadel of the Hồ Dynasty"]
    assert client.get("/vi/search/suggest/", {"q": ""}).json()["suggestions"] == []


def test_searches_that_found_nothing_are_counted(client, db_indexed):
    client.get("/vi/search/", {"q": "sầu riêng"})
    client.get("/vi/search/", {"q": "sầu  riêng "})
    client.get("/vi/search/", {"q": "nem chua"})  # found: not logged
    row = UnmatchedQuery.objects.get()
    assert (row.query, row.locale, row.count) == ("sầu riêng", "vi", 2)


def test_did_you_mean_link(client, db_indexed):
    html = client.get("/vi/search/", {"q": "nemm chua", "kind": "products"}).content.decode()
    assert "?q=nem+chua&amp;kind=products" in html


def test_the_search_on_the_page_costs_two_queries(client, db_indexed):
    """Query budget of the search itself (the shell's are the page shell's): one statement for
    the hits with their cards, the total and the facet counts, one for the facets' labels, on
    every request (nothing of it is kept between requests)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _first_then_again in range(2):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/vi/search/", {"q": "dac san", "kind": "products", "ocop": "4"})
        assert response.status_code == 200
        searched = [q["sql"] for q in ctx.captured_queries if "search_search" in q["sql"]]
        labels = [q["sql"] for q in ctx.captured_queries if "x.translation_key IN" in q["sql"]]
        assert len(searched) == 1, searched
        assert len(labels) == 1, labels


def test_with_its_shell_in_fragments_a_search_page_costs_three_queries(client, db_indexed):
    """The whole page once the shell's fragments are warm (production): the search, its
    facets' labels, and the home page whose version keys the fragments. A view that is not a
    page neither looks its site up nor reads the page tree for translations it cannot have."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    query = {"q": "dac san", "kind": "products", "ocop": "4"}
    assert client.get("/vi/search/", query).status_code == 200  # the fragments are made
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/vi/search/", query)
    assert response.status_code == 200 and 'hreflang="en"' in response.content.decode()
    statements = [q["sql"] for q in ctx.captured_queries]
    assert not [sql for sql in statements if "wagtailcore_site" in sql], statements
    assert len(statements) == 3, statements


def test_the_response_cache_never_keeps_a_search(client, db_indexed, settings):
    """With the production caches on (the test settings' own), every search is answered from
    the index: what is indexed after a first answer is in the second. `make bench` measures
    search with these settings for that reason."""
    from search.backends.database import DatabaseBackend
    from search.documents import Document

    assert settings.PAGE_CACHE_SECONDS > 0 and settings.FRAGMENT_CACHE_SECONDS > 0
    query = {"q": "chum ngay", "kind": "products"}
    first = client.get("/vi/search/", query)
    assert first.status_code == 200 and "X-Page-Cache" not in first
    assert "Chùm ngây Như Xuân" not in first.content.decode()
    DatabaseBackend().index(
        [Document(kind="products", locale="vi", object_id=987654, url="/vi/chum-ngay/", title="Chùm ngây Như Xuân")]
    )
    second = client.get("/vi/search/", query)
    assert "X-Page-Cache" not in second
    assert "Chùm ngây Như Xuân" in second.content.decode()
