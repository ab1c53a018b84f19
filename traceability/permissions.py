"""Which producers' batches a signed-in user may manage: their groups' page permissions decide."""

import logging

from django.db.models import Q

security_log = logging.getLogger("xuthanh.security")
MODERATORS_GROUP = "Moderators"


def is_moderator(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=MODERATORS_GROUP).exists()


def producer_keys_for_user(user) -> list:
    """translation_keys of the ProducerPages under the pages the user's groups hold permissions on."""
    from wagtail.models import GroupPagePermission

    from catalogue.models import ProducerPage

    if not (user and user.is_authenticated and user.is_active):
        return []
    cached = getattr(user, "_trace_producer_keys", None)
    if cached is None:
        paths = set(GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True))
        within = Q()
        for path in paths:
            within |= Q(path__startswith=path)
        cached = list(ProducerPage.objects.filter(within).values_list("translation_key", flat=True)) if paths else []
        user._trace_producer_keys = cached
    return cached


def producers_for_user(user):
    """Default-language producers the user manages (all of them for moderators)."""
    from wagtail.models import Locale

    from catalogue.models import ProducerPage

    qs = ProducerPage.objects.filter(locale=Locale.get_default())
    if is_moderator(user):
        return qs
    return qs.filter(translation_key__in=producer_keys_for_user(user))


def can_manage_producer(user, producer) -> bool:
    if producer is None:
        return False
    return is_moderator(user) or producer.translation_key in producer_keys_for_user(user)
