"""Which producers' batches a signed-in user may manage: their groups' page permissions decide."""

from catalogue.permissions import (  # noqa: F401
    MODERATORS_GROUP,
    is_moderator,
    security_log,
)
from catalogue.permissions import managed_producer_keys as producer_keys_for_user


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
