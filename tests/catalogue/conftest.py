import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from tests.factories.catalogue import catalogue_indexes, make_business, make_category


def _english_admin(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def indexes(site_pages):
    return catalogue_indexes(site_pages)


@pytest.fixture
def category(indexes):
    return make_category(indexes)


@pytest.fixture
def admin_user(db):
    return _english_admin(get_user_model().objects.create_superuser("boss", "boss@example.com", "changeme"))


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("mod", "mod@example.com", "changeme")
    user.groups.add(Group.objects.get(name="Moderators"))
    return _english_admin(user)


@pytest.fixture
def businesses(indexes, moderator):
    """Two onboarded businesses: (user, vi producer, en producer) each."""
    return (
        make_business("htx-a", moderator, business_name="HTX Nước mắm A", business_name_en="Fish Sauce Co-op A"),
        make_business("htx-b", moderator, business_name="HTX Chiếu cói B", business_name_en="Sedge Mat Co-op B"),
    )
