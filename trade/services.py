"""Operations on the board: publishing, moderation, inquiries, contact details, verification.

Views call these; each write happens in one transaction so that a refused step leaves
nothing half-saved.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from catalogue.permissions import is_moderator, producers_for_user
from portal.ratelimit import AttemptLimit
from portal.ratelimit import hit as rate_limit_hit

from .models import BoardPost, BoardProfile, Inquiry, Offer, OfferPhoto, Request, Status
from .notifications import notify_matches
from .permissions import board_profile, can_edit, is_trusted

security_log = logging.getLogger("xuthanh.security")
log = logging.getLogger("xuthanh.trade")

INQUIRIES_PER_HOUR = getattr(settings, "TRADE_INQUIRIES_PER_HOUR", 10)
EMAIL_TOKEN_SALT = "trade.verify-email"  # a signing namespace, not a secret # noqa: S105 # nosec B105
EMAIL_TOKEN_MAX_AGE = 3 * 24 * 3600


def site_language(code: str | None) -> str:
    """One of settings.LANGUAGES for a language code (the default when it is none of them)."""
    try:
        return translation.get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


# --- posts ----------------------------------------------------------------------------


def save_post(post: BoardPost, user, *, photos=(), language: str | None = None) -> BoardPost:
    """Validate and store a new or edited post by `user`.

    Trusted posters publish at once; everyone else's post (and every edit of it) waits for
    a moderator. `language` is the one the poster is using: e-mails to them about the post
    are written in it (a moderator's edit keeps the poster's). Raises ValidationError or
    PermissionDenied; on either nothing is stored.
    """
    if post.pk and not can_edit(user, post):
        security_log.warning("user %s tried to edit %s %s of user %s", user.pk, post.KIND, post.pk, post.owner_id)
        raise PermissionDenied
    if not post.pk:
        post.owner = user
    if language and post.owner_id == user.pk:
        post.language = site_language(language)
    producers = producers_for_user(post.owner)
    own_producers = {p.pk for p in producers}
    if post.KIND == "offer" and not post.producer_id and producers:
        post.producer = producers[0]  # an offer speaks for the poster's business
    if post.producer_id and post.producer_id not in own_producers and not is_moderator(user):
        security_log.warning("user %s tried to post for producer %s", user.pk, post.producer_id)
        raise PermissionDenied
    was_open = post.status == Status.OPEN
    if post.status in (Status.PENDING, Status.OPEN, Status.CLOSED) or not post.pk:
        post.status = Status.OPEN if is_trusted(user) else Status.PENDING
    post.full_clean()
    with transaction.atomic():
        post.save()
        for upload in photos:
            _attach_photo(post, upload)
        if post.status == Status.OPEN and not was_open:
            _after_publish(post)
    return post


def _attach_photo(offer: Offer, upload) -> None:
    """Store an uploaded picture as a Wagtail image and attach it to the offer."""
    from wagtail.images import get_image_model

    image = get_image_model()(title=offer.display_title[:255], description=offer.display_title[:255], file=upload)
    image.save()
    start = offer.photos.count()
    OfferPhoto.objects.create(offer=offer, image=image, sort_order=start)


def approve_post(post: BoardPost, moderator) -> None:
    """Publish a post; its poster is told by e-mail (in the language of the post)."""
    if not is_moderator(moderator):
        raise PermissionDenied
    was_open = post.status == Status.OPEN
    with transaction.atomic():
        post.status = Status.OPEN
        post.moderated_by = moderator
        post.published_at = post.published_at or timezone.now()
        post.save()
        _after_publish(post)
    if not was_open:
        _email_moderation(post, approved=True)


def hide_post(post: BoardPost, moderator) -> None:
    """Take a post off the board; its poster is told by e-mail (in the language of the post)."""
    if not is_moderator(moderator):
        raise PermissionDenied
    was_hidden = post.status == Status.HIDDEN
    post.status = Status.HIDDEN
    post.moderated_by = moderator
    post.save(update_fields=["status", "moderated_by", "updated_at"])
    if not was_hidden:
        _email_moderation(post, approved=False)


def restore_post(post: BoardPost, moderator) -> None:
    """Put a hidden post back on the board (a moderator restored it after a takedown)."""
    if not is_moderator(moderator):
        raise PermissionDenied
    post.status = Status.OPEN
    post.moderated_by = moderator
    post.published_at = post.published_at or timezone.now()
    post.save(update_fields=["status", "moderated_by", "published_at", "updated_at"])


def close_post(post: BoardPost, user) -> None:
    if not can_edit(user, post):
        security_log.warning("user %s tried to close %s %s of user %s", user.pk, post.KIND, post.pk, post.owner_id)
        raise PermissionDenied
    post.status = Status.CLOSED
    post.save(update_fields=["status", "updated_at"])


def close_expired() -> int:
    """Mark closed every open post whose end date has passed; returns how many."""
    return Offer.objects.expired().update(status=Status.CLOSED) + Request.objects.expired().update(status=Status.CLOSED)


def _after_publish(post: BoardPost) -> None:
    kind, pk = post.KIND, post.pk
    transaction.on_commit(lambda: notify_matches.enqueue(kind, pk))


# --- inquiries ------------------------------------------------------------------------


class InquiryRateLimited(Exception):
    """The user sent more inquiries this hour than the limit allows."""


def send_inquiry(post: BoardPost, sender, message: str, *, language: str | None = None) -> Inquiry:
    """Store a message about `post` from `sender`; refuse floods, own posts and closed posts.

    `language` is the one the sender is using: the e-mail about the answer is written in it.
    The poster is e-mailed in the language of their post.
    """
    if not sender.is_authenticated:
        raise PermissionDenied
    if post.owner_id == sender.pk:
        raise ValidationError(_("You cannot send an inquiry about your own post."), code="own_post")
    if not post.is_open:
        raise ValidationError(_("This post is no longer open."), code="post_closed")
    message = (message or "").strip()
    if not message:
        raise ValidationError(_("Write a message."), code="empty")
    if not rate_limit_hit("trade_inquiries", f"user:{sender.pk}", INQUIRIES_PER_HOUR, 3600):
        security_log.warning("user %s hit the inquiry limit (%s/hour)", sender.pk, INQUIRIES_PER_HOUR)
        raise InquiryRateLimited
    inquiry = Inquiry(sender=sender, message=message, language=site_language(language), **{post.KIND: post})
    inquiry.full_clean()
    inquiry.save()
    _email_inquiry(inquiry)
    return inquiry


def answer_inquiry(inquiry: Inquiry, user, answer: str) -> Inquiry:
    """The poster answers; from now on each side sees the other's contact details."""
    if inquiry.post.owner_id != user.pk:
        security_log.warning("user %s tried to answer inquiry %s", user.pk, inquiry.pk)
        raise PermissionDenied
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write an answer."), code="empty")
    inquiry.answer = answer
    inquiry.answered_at = inquiry.answered_at or timezone.now()
    inquiry.full_clean()
    inquiry.save(update_fields=["answer", "answered_at"])
    _email_answer(inquiry)
    return inquiry


def can_see_inquiry(inquiry: Inquiry, user) -> bool:
    return user.is_authenticated and user.pk in (inquiry.sender_id, inquiry.post.owner_id)


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str


def contact_for(user) -> Contact:
    """How to reach a board user: their profile, else their business's page."""
    profile = board_profile(user)
    producers = producers_for_user(user)
    producer = producers[0] if producers else None
    name = (profile.display_name if profile else "") or (producer.title if producer else "") or user.get_username()
    phone = (profile.phone if profile else "") or (producer.phone if producer else "")
    email = user.email or (producer.email if producer else "")
    return Contact(name=name, phone=phone, email=email)


def other_party_contact(inquiry: Inquiry, viewer) -> Contact | None:
    """The other side's contact details, or None while the poster has not answered."""
    if not inquiry.is_answered or not can_see_inquiry(inquiry, viewer):
        return None
    poster = inquiry.post.owner
    other = inquiry.sender if viewer.pk == poster.pk else poster
    return contact_for(other)


def _email_inquiry(inquiry: Inquiry) -> None:
    owner = inquiry.post.owner
    if not owner.email:
        return
    with translation.override(inquiry.post.language):
        body = render_to_string(
            "trade/email/inquiry.txt",
            {"inquiry": inquiry, "url": settings.SITE_BASE_URL + inquiry.get_absolute_url()},
        )
        send_mail(str(_("A new inquiry about your post")), body, None, [owner.email])


def _email_answer(inquiry: Inquiry) -> None:
    if not inquiry.sender.email:
        return
    with translation.override(inquiry.language):
        body = render_to_string(
            "trade/email/answer.txt",
            {"inquiry": inquiry, "url": settings.SITE_BASE_URL + inquiry.get_absolute_url()},
        )
        send_mail(str(_("Your inquiry has been answered")), body, None, [inquiry.sender.email])


def _email_moderation(post: BoardPost, *, approved: bool) -> None:
    owner = post.owner
    if not owner.email:
        return
    with translation.override(post.language):
        context = {"user": owner, "post": post, "approved": approved}
        context["url"] = settings.SITE_BASE_URL + post.get_absolute_url()
        subject = str(_("Your post is on the board") if approved else _("A moderator has hidden your post"))
        body = render_to_string("trade/email/moderation.txt", context)
    send_mail(subject, body, None, [owner.email])


# --- e-mail verification ------------------------------------------------------------


def email_verification_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=EMAIL_TOKEN_SALT, compress=True)


# Confirmation mails go to an address the account typed: a few an hour per account and per
# address, so the form cannot be used to flood someone's mailbox.
VERIFICATION_MAILS = AttemptLimit("verify-mail", 3600, account=3, address=3)


def send_email_verification(user, request=None) -> None:
    if not user.email:
        raise ValidationError(_("Add an e-mail address first."), code="no_email")
    if not VERIFICATION_MAILS.hit(account=str(user.pk), address=user.email.lower()):
        security_log.warning("confirmation mail refused for account %s (limit reached)", user.pk)
        raise ValidationError(
            _("We have already sent several confirmation links. Check your mailbox, or try again in an hour."),
            code="too_many_mails",
        )
    url = reverse("trade:verify_email", args=[email_verification_token(user)])
    absolute = request.build_absolute_uri(url) if request else settings.SITE_BASE_URL + url
    body = render_to_string("trade/email/verify.txt", {"user": user, "url": absolute})
    send_mail(str(_("Confirm your e-mail address")), body, None, [user.email])


def verify_email(token: str) -> BoardProfile:
    """Mark the e-mail in a signed token as verified; raise ValidationError when it is not good."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=EMAIL_TOKEN_SALT, max_age=EMAIL_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(_("This link has expired. Ask for a new one."), code="expired") from error
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid."), code="bad_signature") from error
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    if user is None or user.email.lower() != data.get("e"):
        raise ValidationError(_("This link is not valid."), code="stale")
    profile = board_profile(user)
    if not profile.email_verified:
        profile.email_verified = True
        profile.email_verified_at = timezone.now()
        profile.save(update_fields=["email_verified", "email_verified_at"])
    return profile


def mark_contact_verified(user, *, email: bool = False, phone: str = "") -> None:
    """The account's e-mail address or phone number was confirmed (accounts/, allauth): the board
    counts its user as verified, and shows the confirmed phone."""
    profile = board_profile(user)
    if email and not profile.email_verified:
        profile.email_verified = True
        profile.email_verified_at = timezone.now()
        profile.save(update_fields=["email_verified", "email_verified_at"])
    if phone:
        profile.phone_verified = True
        profile.phone = profile.phone or phone
        profile.save(update_fields=["phone_verified", "phone"])
