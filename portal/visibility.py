"""Pages anyone may see, decided inside the list's own query.

Wagtail's `PageQuerySet.public()` first reads every view restriction of the site (one query
per list, and Python per restriction); `public()` here asks the same in SQL: no restriction
on the page or on one of its ancestors (their paths are prefixes of its path).
"""

from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction


def public(pages):
    """`pages` without those in a private section (as Wagtail's `.public()`, no extra query)."""
    restricted_above = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    return pages.exclude(Exists(restricted_above))
