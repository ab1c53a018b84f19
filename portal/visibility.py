"""Pages anyone may see, decided inside the list's own query.

Wagtail's `PageQuerySet.public()` first reads every view restriction of the site (one query
per list, and Python per restriction); `public()` here asks the same in SQL: no restriction
on the page or on one of its ancestors (their paths are prefixes of its path).
"""

from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from wagtail.models import Page, PageViewRestriction


def public_sql(path_column: str) -> str:
    """SQL true when the page whose path is `path_column` is in no private section."""
    return (
        f"NOT EXISTS (SELECT 1 FROM {PageViewRestriction._meta.db_table} r"  # noqa: S608  # nosec B608 - table names only
        f" JOIN {Page._meta.db_table} restricted ON restricted.id = r.page_id"
        f" WHERE {path_column} LIKE restricted.path || '%%')"
    )


def public(pages):
    """`pages` without those in a private section (as Wagtail's `.public()`, no extra query).
    Written as SQL: the ORM's form of this subquery costs more to compile than the list."""
    sql = public_sql(f'"{Page._meta.db_table}"."path"')
    return pages.filter(RawSQL(sql, (), output_field=BooleanField()))  # noqa: S611  # nosec B611 - no parameters
