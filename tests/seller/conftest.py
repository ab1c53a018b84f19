"""Fixtures for the seller workspace: two onboarded businesses, a buyer and a moderator.

`seller` is (user, vi producer, en producer) of the business under test, `other_seller` the
same for a second business that must never see or change the first one's things.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories.catalogue import catalogue_indexes, make_business, make_category


@pytest.fixture
def indexes(site_pages):
    return catalogue_indexes(site_pages)


@pytest.fixture
def category(indexes):
    return make_category(indexes)


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("mod", "mod@example.com", "changeme")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def seller(indexes, moderator):
    return make_business("htx-a", moderator, business_name="HTX Nước mắm A", business_name_en="Fish Sauce Co-op A")


@pytest.fixture
def other_seller(indexes, moderator):
    return make_business("htx-b", moderator, business_name="HTX Chiếu cói B", business_name_en="Sedge Mat Co-op B")


@pytest.fixture
def buyer(db):
    return get_user_model().objects.create_user("buyer", "buyer@example.com", "changeme")


@pytest.fixture
def seller_client(client, seller):
    client.force_login(seller[0])
    return client
