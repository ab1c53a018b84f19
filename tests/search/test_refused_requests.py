"""Searches that would cost the site (thousands of facet values: 2,000 took 6 s and slowed
everyone's searches) or break its database (NUL bytes: 500s) are refused with a clear 400,
before any search runs (issue #24). On the database backend: the refusal comes first."""

import time
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError

from search import services

pytestmark = pytest.mark.django_db(databases=["default", "search_sqlite"])


@pytest.fixture
def db_backend(site_pages, settings):
    settings.ELASTICSEARCH_URL = None
    settings.SEARCH_DATABASE_ALIAS = "default"


def test_twenty_values_of_one_facet_are_searched(client, db_backend):
    query = urlencode([("kind", "products")] + [("category", f"c{i}") for i in range(20)])
    assert client.get(f"/vi/search/?{query}").status_code == 200


def test_more_values_of_one_facet_are_refused_with_a_clear_page(client, db_backend):
    query = urlencode([("kind", "products")] + [("category", f"c{i}") for i in range(21)])
    response = client.get(f"/en/search/?{query}")
    assert response.status_code == 400
    assert "at most 20 values" in response.content.decode()


def test_two_thousand_facet_values_are_refused_at_once(client, db_backend):
    query = urlencode([("kind", "products")] + [("category", f"category-{i}") for i in range(2000)])
    started = time.perf_counter()
    response = client.get(f"/vi/search/?{query}")
    assert response.status_code == 400
    assert time.perf_counter() - started < 1  # it took 6 s to search them
    assert "Yêu cầu tìm kiếm quá dài" in response.content.decode()


def test_many_facets_together_are_capped_in_all(db_backend):
    filters = {"category": [f"c{i}" for i in range(20)], "area": [f"a{i}" for i in range(20)], "ocop": ["3"]}
    with pytest.raises(ValidationError) as refused:
        services.build_query("products", "", filters)
    assert refused.value.code == "too_many_values"


@pytest.mark.parametrize(
    "query",
    ["kind=products&category=%00", "kind=products%00", "q=nem%00chua", "kind=products&area=a%00b", "%00=x"],
)
def test_nul_bytes_in_the_search_are_a_400_not_a_500(client, db_backend, query):
    response = client.get(f"/vi/search/?{query}")
    assert response.status_code == 400
    assert "không được phép" in response.content.decode() or "not allowed" in response.content.decode()


def test_nul_bytes_in_the_suggest_query_are_a_400_json(client, db_backend):
    response = client.get("/vi/search/suggest/?q=nem%00")
    assert response.status_code == 400
    assert "error" in response.json()


def test_nul_bytes_in_the_service_arguments_are_a_validation_error(db_backend):
    for kwargs in ({"kind": "products\x00"}, {"text": "nem\x00"}, {"filters": {"category": ["\x00"]}}):
        with pytest.raises(ValidationError) as refused:
            services.search(**{"kind": "products", **kwargs})
        assert refused.value.code in services.REFUSED_CODES | {"unknown_kind"}


@pytest.mark.parametrize("endpoint", ["pages", "images"])
def test_nul_bytes_in_the_api_search_are_a_400(client, site_pages, endpoint):
    response = client.get(f"/api/v2/{endpoint}/?search=%00")
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]
