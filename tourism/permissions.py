"""Which tourism listings a user keeps: one answer for the workspace and its tests.

A tourism business's group holds page permissions on its own listing page (tourism.onboarding),
exactly on it — so the listings a user keeps are the attraction and place pages its groups
hold permissions on, nothing above or beside them (a group with rights on the whole tree,
such as Wagtail's editors, keeps no listing here).
"""

from wagtail.models import Locale, Page

from .models import AttractionPage, PlacePage

LISTING_MODELS = (AttractionPage, PlacePage)


def listing_keys_for_user(user) -> list:
    """translation_keys of the listings the user's groups hold page permissions on (cached on the user)."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    cached = getattr(user, "_listing_keys", None)
    if cached is None:
        cached = user._listing_keys = list(
            Page.objects.type(*LISTING_MODELS)
            .filter(group_permissions__group__user=user)
            .values_list("translation_key", flat=True)
            .distinct()
        )
    return cached


def listings_for_user(user):
    """The default-language listings the user keeps, by title (specific pages)."""
    keys = listing_keys_for_user(user)
    if not keys:
        return Page.objects.none()
    return (
        Page.objects.type(*LISTING_MODELS)
        .filter(locale=Locale.get_default(), translation_key__in=keys)
        .order_by("title", "pk")
        .specific()
    )


def listing_for_user(user):
    """The listing the user works on in the workspace (the first by title), else None."""
    return listings_for_user(user).first() if listing_keys_for_user(user) else None
