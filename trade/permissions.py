"""Who may do what on the board.

A *business user* belongs to a Wagtail group that holds a page permission on a producer's
page (catalogue onboarding creates that group). Moderators are the "Moderators" group and
superusers. A poster is *trusted* — their posts go live without a moderator — when the
province has verified their business, or a moderator has verified their phone.
"""

from django.contrib.auth.models import AnonymousUser

from catalogue.permissions import is_moderator, managed_producer_keys, producers_for_user


def is_business(user) -> bool:
    return bool(managed_producer_keys(user))


def board_profile(user):
    """The user's BoardProfile, created on first use."""
    from .models import BoardProfile

    if isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    profile = getattr(user, "_trade_profile", None)
    if profile is None:
        profile, _ = BoardProfile.objects.get_or_create(user=user)
        user._trade_profile = profile
    return profile


def can_post_offer(user) -> bool:
    """Offers are made by businesses (and by moderators on their behalf)."""
    return is_business(user) or is_moderator(user)


def can_post_request(user) -> bool:
    """A buyer is a registered business or an individual with a verified phone or e-mail."""
    if not user or not user.is_authenticated:
        return False
    if is_business(user) or is_moderator(user):
        return True
    return board_profile(user).is_verified


def is_trusted(user) -> bool:
    """Posts from trusted users are published at once; others wait for a moderator."""
    if is_moderator(user):
        return True
    if any(producer.is_verified for producer in producers_for_user(user)):
        return True
    profile = board_profile(user)
    return bool(profile and profile.phone_verified)


def can_edit(user, post) -> bool:
    return user.is_authenticated and (post.owner_id == user.pk or is_moderator(user))


def can_view(user, post) -> bool:
    """Pending and hidden posts are seen only by their owner and moderators."""
    if post.status in ("open", "closed"):
        return True
    return can_edit(user, post)
