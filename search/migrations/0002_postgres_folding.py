"""On PostgreSQL: the unaccent and pg_trgm extensions, and trigram indexes on the folded text.

Folding itself happens in Python (`search.folding.fold`) so that SQLite and PostgreSQL match
the same way; `unaccent` is PostgreSQL's own folding, which the tests check ours against
(both fold đ → d), and which SQL written by hand (reports, dashboards) can use.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_doc_folded_trgm ON search_searchdocument USING gin (folded gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_doc_folded_trgm")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
