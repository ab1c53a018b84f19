"""BasePage.get_view_restrictions: Wagtail's rule (the page and its ancestors, an alias
answering for its source) in one query."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories.catalogue import catalogue_indexes, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # the restriction check itself, on every request


def _asks_password(client, page) -> bool:
    response = client.get(page.url)
    assert response.status_code == 200
    return 'name="password"' in response.content.decode()


def test_a_restriction_on_an_ancestor_covers_the_pages_below(client, site_pages):
    indexes = catalogue_indexes(site_pages)
    category, _en = make_category(indexes)
    assert not _asks_password(client, category)
    PageViewRestriction.objects.create(page=indexes["categories"], restriction_type="password", password="bí-mật")
    assert _asks_password(client, category)
    from wagtail.models import Page

    assert list(category.get_view_restrictions()) == list(Page.get_view_restrictions(category))  # as Wagtail


def test_an_alias_answers_to_its_sources_restriction(client, site_pages):
    indexes = catalogue_indexes(site_pages)
    category, _en = make_category(indexes)
    alias = category.create_alias(parent=indexes["producers"], update_slug="ban-sao")
    assert not _asks_password(client, alias)
    PageViewRestriction.objects.create(page=category, restriction_type="password", password="bí-mật")
    assert _asks_password(client, alias.specific)


def test_public_lists_leave_out_private_sections_in_their_own_query(site_pages, django_assert_num_queries):
    """portal.visibility.public: Wagtail's `.public()` without reading the restrictions first."""
    from wagtail.models import Page

    from catalogue.models import CategoryPage
    from portal.visibility import public

    indexes = catalogue_indexes(site_pages)
    category, _en = make_category(indexes)
    PageViewRestriction.objects.create(page=indexes["categories"], restriction_type="password", password="bí-mật")
    with django_assert_num_queries(1):
        shown = set(public(Page.objects.live()).values_list("pk", flat=True))
    assert shown == set(Page.objects.live().public().values_list("pk", flat=True))
    assert category.pk not in shown and indexes["categories"].pk not in shown
    assert category.pk not in set(public(CategoryPage.objects.all()).values_list("pk", flat=True))
