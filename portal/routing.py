"""Routing a URL to a page in two queries instead of two per path segment.

Wagtail's `Page.route` walks the tree one child at a time (a query for the child and one
for its specific class at every level: nine for a product page). Each page's `url_path`
already spells its whole path, so one query finds the page and its ancestors, and one
more loads the page's own class. When any page on the way routes its own sub-paths (a
`route` other than Page's, e.g. RoutablePageMixin), or a segment does not exist, the
normal walk decides instead, so behaviour is unchanged.

The page found is kept as a shared fragment (portal.fragments: dropped by any publish,
unpublish, move or delete), so with fragments warm a request routes with no query at all:
building the page's query alone cost about a third of an uncached attraction page.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from .fragments import cached_fragment


def _routes_like_page(model) -> bool:
    return model is not None and model.route is Page.route


def find_descendant(root: Page, path_components: list[str]) -> Page | None:
    """The page at `path_components` below `root`, or None to let Wagtail's walk decide."""
    # Misses are not kept: made-up paths would otherwise fill the cache.
    path = "/".join(path_components)
    return cached_fragment("route", (root.pk, path), lambda: _find(root, path_components), keep_none=False)


def _find(root: Page, path_components: list[str]) -> Page | None:
    prefixes = [root.url_path + "/".join(path_components[: i + 1]) + "/" for i in range(len(path_components))]
    # url_path has no index; slug has one, and narrows the rows to a handful first.
    rows = list(
        Page.objects.filter(slug__in=set(path_components), url_path__in=prefixes).values_list(
            "pk", "url_path", "content_type_id"
        )
    )
    if len(rows) != len(prefixes):
        return None
    by_path = {url_path: (pk, content_type_id) for pk, url_path, content_type_id in rows}
    for prefix in prefixes[:-1]:
        if not _routes_like_page(ContentType.objects.get_for_id(by_path[prefix][1]).model_class()):
            return None
    pk, content_type_id = by_path[prefixes[-1]]
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    # A page type may name the relations its template always reads (BasePage.route_select_related).
    related = getattr(model, "route_select_related", ())
    return model._default_manager.select_related(*related).filter(pk=pk).first()
