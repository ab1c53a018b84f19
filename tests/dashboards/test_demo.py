import io

import pytest

pytestmark = pytest.mark.django_db


def test_demo_setup_is_idempotent_and_grants_the_province_dashboard():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management.base import BaseCommand

    from dashboards import demo
    from dashboards.access import can_view_province

    command = BaseCommand(stdout=io.StringIO())
    demo.load(command)
    demo.load(command)
    group = Group.objects.get(name="Province staff")
    assert group.permissions.count() == 2
    user = get_user_model().objects.create_user("staff", is_staff=True)
    user.groups.add(group)
    assert can_view_province(get_user_model().objects.get(pk=user.pk))
