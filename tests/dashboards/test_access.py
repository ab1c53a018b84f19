"""Refusals: a business never reaches the province dashboard or another business's figures."""

import logging

import pytest

from .conftest import PERIOD, admin_client

# Every test here sees the module's rows, whether it asks for them or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_world")]


def _refusals(caplog):
    return [r for r in caplog.records if r.name == "xuthanh.security" and "Dashboard refused" in r.getMessage()]


def test_a_business_user_gets_403_on_the_province_dashboard_and_it_is_logged(client, world, user_a, caplog):
    admin_client(client, user_a)
    with caplog.at_level(logging.WARNING, logger="xuthanh.security"):
        response = client.get("/admin/dashboards/province/")
        export = client.get("/admin/dashboards/province/export/orders-by-month/", {"export": "csv"})
    assert response.status_code == 403
    assert export.status_code == 403
    logged = _refusals(caplog)
    assert len(logged) == 2 and "biz-a" in logged[0].getMessage()


def test_a_business_user_gets_403_on_another_businesss_report_and_it_is_logged(client, activity, user_a, caplog):
    admin_client(client, user_a)
    other = activity.producers["b"].pk
    with caplog.at_level(logging.WARNING, logger="xuthanh.security"):
        page = client.get("/admin/dashboards/business/", {"producer": other, **PERIOD})
        export = client.get("/admin/dashboards/business/export/views-by-day/", {"producer": other, "export": "xlsx"})
        forged = client.get("/admin/dashboards/business/", {"producer": "1 OR 1=1"})
    assert (page.status_code, export.status_code, forged.status_code) == (403, 403, 403)
    assert b"Product B" not in page.content
    messages = [r.getMessage() for r in _refusals(caplog)]
    assert len(messages) == 3
    assert f"producer {other} is not the user's own" in messages[0]


def test_a_signed_in_user_with_no_business_gets_403(client, world, caplog):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user = get_user_model().objects.create_user("editor", is_staff=True)
    group, _ = Group.objects.get_or_create(name="Dashboard-less editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    admin_client(client, user)
    with caplog.at_level(logging.WARNING, logger="xuthanh.security"):
        assert client.get("/admin/dashboards/business/").status_code == 403
    assert _refusals(caplog)


def test_anonymous_visitors_are_sent_to_the_admin_sign_in(client, world):
    response = client.get("/admin/dashboards/province/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_province_staff_moderators_and_the_permission_open_the_province_dashboard(client, world, province_user):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    admin_client(client, province_user)
    assert client.get("/admin/dashboards/province/").status_code == 200
    client.logout()

    access = Permission.objects.get(codename="access_admin")
    moderator = get_user_model().objects.create_user("mod", is_staff=True)
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(access)
    moderator.groups.add(moderators)
    admin_client(client, moderator)
    assert client.get("/admin/dashboards/province/").status_code == 200
    client.logout()

    analyst = get_user_model().objects.create_user("analyst", is_staff=True)
    analyst.user_permissions.add(access, Permission.objects.get(codename="view_province_dashboard"))
    admin_client(client, analyst)
    assert client.get("/admin/dashboards/province/").status_code == 200


def test_province_staff_may_open_any_businesss_dashboard(client, activity, province_user):
    admin_client(client, province_user)
    response = client.get("/admin/dashboards/business/", {"producer": activity.producers["b"].pk, **PERIOD})
    assert response.status_code == 200
    assert b"Product B" in response.content
    chooser = client.get("/admin/dashboards/business/")
    assert chooser.status_code == 200 and b'name="producer"' in chooser.content


def test_a_moderator_with_page_permissions_everywhere_chooses_a_business(client, activity):
    """Moderators often hold page permissions over the whole tree; they are not 'a business'."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.get_or_create(
        group=moderators, page=activity.index, permission=Permission.objects.get(codename="change_page")
    )
    moderator = get_user_model().objects.create_user("mod2", is_staff=True)
    moderator.groups.add(moderators)
    admin_client(client, moderator)
    chooser = client.get("/admin/dashboards/business/").content.decode()
    assert 'name="producer"' in chooser and "Business dashboard" in chooser
    assert 'id="business-summary"' not in chooser
    home = client.get("/admin/").content.decode()
    assert "The province's targets" in home and "the last 30 days" not in home
