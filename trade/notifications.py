"""Matching notifications: when a post is published, the owners of open posts it matches
well are told (once per offer and request), on the site and by e-mail."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .matching import NOTIFY_THRESHOLD, rank_matches
from .models import BoardPost, Notification, Offer, Request


@task()
def notify_matches(kind: str, post_id: int) -> int:
    """Notify owners of existing posts that a newly published post matches theirs (task worker)."""
    model = Offer if kind == "offer" else Request
    post = model.objects.with_related().filter(pk=post_id).first()
    return notify_matches_for(post) if post else 0


def notify_matches_for(post: BoardPost) -> int:
    """Tell the owners of existing open posts that `post` matches theirs well.

    One Notification per (user, offer, request), so repeating this changes nothing; an
    e-mail goes with each new notification. Returns how many were created.
    """
    if not post.is_open:
        return 0
    created = 0
    for match in rank_matches(post, limit=0):
        if match.score < NOTIFY_THRESHOLD:
            break
        other = match.post
        offer, request = (post, other) if post.KIND == "offer" else (other, post)
        notification, is_new = Notification.objects.get_or_create(
            user_id=other.owner_id,
            offer=offer,
            request=request,
            defaults={"own_kind": other.KIND, "score": match.score},
        )
        if is_new:
            created += 1
            _email_match(notification)
    return created


def _email_match(notification) -> None:
    user = notification.user
    if not user.email:
        return
    # Written in the language the recipient used for their own post.
    with translation.override(notification.own_post.language):
        context = {
            "user": user,
            "notification": notification,
            "own": notification.own_post,
            "matched": notification.matched_post,
            "url": settings.SITE_BASE_URL + notification.matched_post.get_absolute_url(),
        }
        subject = str(_("A new post on the board matches yours"))
        body = render_to_string("trade/email/match.txt", context)
    send_mail(subject, body, None, [user.email])
