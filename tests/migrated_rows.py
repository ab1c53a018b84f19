"""Session fixtures that commit content need the rows migrations made."""


def restore_migrated_rows() -> None:
    """Put back the rows migrations made (root page and collection, locales, content types) when
    a transactional test has flushed them: Django restores them at the start of the next
    serialized test only, and a session fixture that commits content may come after the last."""
    from django.db import connection
    from wagtail.models import Collection

    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized and not Collection.objects.exists():
        connection.creation.deserialize_db_from_string(serialized)
