"""The search service (DESIGN.md §5 "Search"): `search.search(kind, text, filters, facets,
sort, page, locale)` over the database backend or Elasticsearch (ELASTICSEARCH_URL)."""


def search(*args, **kwargs):
    from .services import search as run

    return run(*args, **kwargs)


def suggest(*args, **kwargs):
    from .services import suggest as run

    return run(*args, **kwargs)
