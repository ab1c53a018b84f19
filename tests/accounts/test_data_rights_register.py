"""The moderators' register of data requests in the Wagtail admin: deadlines from the setting,
overdue ones first, marked done by a moderator (recorded as who did it); others cannot see it."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from accounts import data_rights
from accounts.models import DataRequest, DataRequestKind

pytestmark = pytest.mark.django_db

URL = "/admin/accounts/data-requests/"


@pytest.fixture
def moderator(db):
    user = get_user_model().objects.create_user("mod", "mod@example.com", "pw-for-tests-1", is_staff=True)
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user.groups.add(group)
    return user


def entry(user, kind, *, received_hours_ago, done=False):
    received = timezone.now() - timedelta(hours=received_hours_ago)
    return DataRequest.objects.create(
        user=user,
        subject_label=f"#{user.pk}",
        kind=kind,
        received_at=received,
        due_at=received + timedelta(hours=72),
        done_at=timezone.now() if done else None,
    )


def test_the_deadline_follows_the_setting(shopper, settings):
    settings.DATA_REQUEST_DUE_HOURS = 24
    request = data_rights.register_request(shopper, DataRequestKind.DOWNLOAD, done=False)
    assert request.due_at - request.received_at == timedelta(hours=24) and not request.is_overdue


def test_overdue_requests_come_first_then_open_ones_by_deadline_then_done_ones(client, shopper, moderator):
    done = entry(shopper, DataRequestKind.DOWNLOAD, received_hours_ago=100, done=True)
    open_soon = entry(shopper, DataRequestKind.DELETE, received_hours_ago=60)
    overdue = entry(shopper, DataRequestKind.WITHDRAW, received_hours_ago=80)
    open_later = entry(shopper, DataRequestKind.DOWNLOAD, received_hours_ago=1)
    assert list(DataRequest.objects.register_order()) == [overdue, open_soon, open_later, done]
    assert list(DataRequest.objects.overdue()) == [overdue]

    client.force_login(moderator)
    html = client.get(URL).content.decode()
    positions = [html.index(f"/admin/accounts/data-requests/edit/{r.pk}/") for r in (overdue, open_soon, done)]
    assert positions == sorted(positions)


def test_a_moderator_marks_a_request_done_and_is_recorded(client, shopper, moderator):
    request = entry(shopper, DataRequestKind.DELETE, received_hours_ago=80)
    client.force_login(moderator)
    response = client.post(f"{URL}edit/{request.pk}/", {"done": "on", "note": "Called back."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.done_at is not None and request.done_by == moderator and request.note == "Called back."


def test_others_cannot_see_the_register(client, shopper, business_users):
    entry(shopper, DataRequestKind.DOWNLOAD, received_hours_ago=1)
    seller, _ = business_users
    client.force_login(seller)
    response = client.get(URL)
    assert response.status_code in (302, 403)
    client.force_login(shopper)
    assert client.get(URL).status_code == 302  # not admin at all
