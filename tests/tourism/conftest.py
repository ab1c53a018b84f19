"""Fixtures of the tourism tests: the portal and tourism demo content, loaded once."""

import io

import pytest
from django.core.management.base import OutputWrapper

from tests.migrated_rows import restore_migrated_rows


class _Command:
    stdout = OutputWrapper(io.StringIO())


@pytest.fixture(scope="session")
def tourism_demo(django_db_setup, django_db_blocker):
    """Home pages, areas and the tourism demo (tests must not change it)."""
    from portal import demo as portal_demo
    from tourism import demo as tourism_demo_module

    with django_db_blocker.unblock():
        restore_migrated_rows()
        portal_demo.load(_Command())
        tourism_demo_module.load(_Command())
        tourism_demo_module.load(_Command())  # twice: it must be idempotent


@pytest.fixture
def tourism(tourism_demo, db):
    """Handy lookups into the demo tree."""
    from wagtail.models import Locale

    from tourism.models import TourismIndexPage

    vi, en = Locale.objects.get(language_code="vi"), Locale.objects.get(language_code="en")
    return {
        "vi": vi,
        "en": en,
        "index_vi": TourismIndexPage.objects.get(locale=vi),
        "index_en": TourismIndexPage.objects.get(locale=en),
    }
