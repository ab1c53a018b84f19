"""Demo set-up for the dashboards: the "Province staff" group (idempotent).

Moderators and superusers see the province dashboard already; province staff who do not
moderate get this group. No figures are invented: views, scans and orders come from use.
"""

from django.contrib.auth.models import Group, Permission

from catalogue.permissions import PROVINCE_STAFF_GROUP


def ensure_province_staff_group() -> Group:
    group, _ = Group.objects.get_or_create(name=PROVINCE_STAFF_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="dashboards", codename="view_province_dashboard"),
    )
    return group


def load(command) -> None:
    ensure_province_staff_group()
    command.stdout.write("dashboards: province staff group")
