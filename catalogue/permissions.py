"""Who manages which producer: one answer for every app.

A business user belongs to a Wagtail group holding page permissions on its producer's page
(`catalogue.onboarding`), so the producers a user manages are the ProducerPages under the
pages its groups have permissions on — Wagtail's own permissions are the source of truth.
Province moderators are Wagtail's "Moderators" group (and superusers).
"""

import logging

from django.db.models import Q
from wagtail.models import GroupPagePermission, Locale

from .models import ProducerPage

security_log = logging.getLogger("xuthanh.security")
MODERATORS_GROUP = "Moderators"


def is_moderator(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists()


def managed_producer_keys(user) -> list:
    """translation_keys of the producers the user's groups hold page permissions over (cached on the user)."""
    if not (user and user.is_authenticated and user.is_active):
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


def managed_producers(user):
    """The default-language ProducerPages the user manages (none for anonymous users)."""
    return ProducerPage.objects.filter(locale=Locale.get_default(), translation_key__in=managed_producer_keys(user))
