"""Search backends: the database (the embedded default) and Elasticsearch (ELASTICSEARCH_URL)."""

from django.conf import settings


def get_backend():
    """The backend the settings choose: Elasticsearch when ELASTICSEARCH_URL is set."""
    url = getattr(settings, "ELASTICSEARCH_URL", None)
    if url:
        from .elastic import ElasticsearchBackend

        return ElasticsearchBackend.for_url(url)
    from .database import DatabaseBackend

    # Tests point this at a second (SQLite) connection to run the contract on both databases.
    return DatabaseBackend(using=getattr(settings, "SEARCH_DATABASE_ALIAS", "default"))
