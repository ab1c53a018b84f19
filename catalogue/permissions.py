"""Who is province staff and which producers a user manages: one answer for every app.

A business user belongs to a Wagtail group holding page permissions on its producer's page
(`catalogue.onboarding`), so the producers a user manages are the ProducerPages under the
pages its groups have permissions on — Wagtail's own permissions are the source of truth.
The province's own people are superusers and two groups: "Moderators" act on every
producer's content (approve, hide, confirm), "Province staff" only see the province's figures.
"""

import logging

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.models import GroupPagePermission, Locale
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import ProducerPage

security_log = logging.getLogger("xuthanh.security")
MODERATORS_GROUP = "Moderators"
PROVINCE_STAFF_GROUP = "Province staff"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _province_groups(user) -> frozenset:
    """The province groups the user belongs to (one query, remembered on the user)."""
    cached = getattr(user, "_province_groups", None)
    if cached is None:
        names = user.groups.filter(name__in=(MODERATORS_GROUP, PROVINCE_STAFF_GROUP)).values_list("name", flat=True)
        cached = user._province_groups = frozenset(names)
    return cached


def is_moderator(user) -> bool:
    """Superusers and the "Moderators" group: they act for the province on every producer."""
    if not _active(user):
        return False
    return user.is_superuser or MODERATORS_GROUP in _province_groups(user)


def is_province_staff(user) -> bool:
    """Moderators and the "Province staff" group: they may see every producer's data."""
    return is_moderator(user) or (_active(user) and PROVINCE_STAFF_GROUP in _province_groups(user))


def managed_producer_keys(user) -> list:
    """translation_keys of the producers the user's groups hold page permissions over (cached on the user)."""
    if not _active(user):
        return []
    cached = getattr(user, "_managed_producer_keys", None)
    if cached is None:
        paths = set(GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True))
        within = Q()
        for path in paths:
            within |= Q(path__startswith=path)
        cached = (
            list(ProducerPage.objects.filter(within).values_list("translation_key", flat=True).distinct())
            if paths
            else []
        )
        user._managed_producer_keys = cached
    return cached


def producers_for_user(user):
    """The default-language ProducerPages the user manages, by title (none for anonymous users;
    a moderator's are only those its groups hold page permissions over — `is_moderator` says
    when someone may act on every producer)."""
    return ProducerPage.objects.filter(
        locale=Locale.get_default(), translation_key__in=managed_producer_keys(user)
    ).order_by("title", "pk")


def can_manage_producer(user, producer) -> bool:
    """A moderator, or a business managing `producer` (in any of its languages)."""
    if producer is None:
        return False
    return is_moderator(user) or producer.translation_key in managed_producer_keys(user)


class ModeratorsPermissionPolicy(BasePermissionPolicy):
    """Moderators (the "Moderators" group) and superusers may view and change; nobody adds or
    deletes here: the records come from people (reviews, board profiles, data requests)."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and is_moderator(user)

    def users_with_any_permission(self, actions):
        if not set(actions) & {"view", "change"}:
            return get_user_model().objects.none()
        users = get_user_model().objects.filter(Q(is_superuser=True) | Q(groups__name=MODERATORS_GROUP))
        return users.filter(is_active=True).distinct()
