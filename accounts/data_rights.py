"""The data subject's rights (issue 22): download everything the site holds about me, delete my
account, and the register of such requests with their deadlines.

Deletion erases or anonymises at once, in one transaction, everything except what accounting law
makes us keep: an order keeps the buyer's name and address, marked retained until
`Order.personal_data_retained_until` (PERSONAL_DATA_RETENTION_YEARS after the deletion).
"""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from orders.complaints.models import Case
from orders.models import Order, SavedCart
from orders.reviews.models import Review
from portal.places import province_name, ward_name
from tourism.models import Trip
from trade.models import BoardProfile, Inquiry, Notification, Offer, Request, Status

from .models import AccountPhone, Address, Consent, DataRequest, Favourite, SignIn
from .tasks import send_sms


def _iso(value):
    return value.isoformat() if value else None


# --- Download --------------------------------------------------------------------------


def export_personal_data(user) -> dict:
    """Everything the site holds about `user`, as plain JSON-ready data (nothing about anyone else)."""
    orders = Order.objects.filter(user=user).prefetch_related("lines").order_by("created_at")
    cases = Case.objects.filter(line__order__user=user).select_related("line").order_by("opened_at")
    return {
        "generated_at": _iso(timezone.now()),
        "profile": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "phones": [
            {"phone": p.phone, "verified_at": _iso(p.verified_at)} for p in AccountPhone.objects.filter(user=user)
        ],
        "emails": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "addresses": [_address(a) for a in Address.objects.of(user)],
        "orders": [_order(o) for o in orders],
        "reviews": [_review(r) for r in Review.objects.filter(user=user).order_by("created_at")],
        "complaints": [_case(c) for c in cases],
        "board_profile": _board_profile(user),
        "board_posts": _board_posts(user),
        "inquiries": _inquiries(user),
        "favourites": [
            {"page": f.page.title, "url": f.page.url, "saved_at": _iso(f.created_at)}
            for f in Favourite.objects.filter(user=user).select_related("page")
        ],
        "trip": _trip(user),
        "consents": [_consent(c) for c in Consent.objects.of_user(user).order_by("given_at")],
        "sign_ins": [{"at": _iso(s.at), "channel": s.channel} for s in SignIn.objects.filter(user=user)],
        "data_requests": [
            {"kind": r.kind, "received_at": _iso(r.received_at), "due_at": _iso(r.due_at), "done_at": _iso(r.done_at)}
            for r in DataRequest.objects.filter(user=user).order_by("received_at")
        ],
    }


def _address(a: Address) -> dict:
    return {"label": a.label, "name": a.name, "phone": a.phone, "address": a.display, "default": a.is_default}


def _order(o: Order) -> dict:
    return {
        "code": o.code,
        "placed_at": _iso(o.created_at),
        "status": o.status,
        "payment_method": o.payment_method,
        "payment_status": o.payment_status,
        "name": o.name,
        "phone": o.phone,
        "email": o.email,
        "address": ", ".join(p for p in (o.street, ward_name(o.ward_code), province_name(o.province_code)) if p),
        "note": o.note,
        "invoice": {
            "company_name": o.invoice_company_name,
            "tax_code": o.invoice_tax_code,
            "address": o.invoice_address,
            "email": o.invoice_email,
        },
        "total": o.total,
        "personal_data_retained_until": _iso(o.personal_data_retained_until),
        "lines": [
            {
                "product": line.product_title,
                "variant": line.variant_name,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "status": line.status,
            }
            for line in o.lines.all()
        ],
    }


def _review(r: Review) -> dict:
    return {
        "product": r.product_title,
        "rating": r.rating,
        "text": r.text,
        "shown_as": r.author_name,
        "written_at": _iso(r.created_at),
        "hidden": r.is_hidden,
    }


def _case(c: Case) -> dict:
    return {
        "product": c.line.product_title,
        "kind": c.kind,
        "reason": c.reason,
        "description": c.description,
        "status": c.status,
        "opened_at": _iso(c.opened_at),
        "answer": c.answer,
        "answer_text": c.answer_text,
        "outcome": c.outcome,
        "decision_reason": c.decision_reason,
        "refund_amount": c.refund_amount,
    }


def _board_profile(user) -> dict | None:
    profile = BoardProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    return {"display_name": profile.display_name, "phone": profile.phone}


def _board_posts(user) -> list[dict]:
    posts = []
    for model in (Offer, Request):
        for post in model.objects.filter(owner=user).order_by("created_at"):
            posts.append(
                {
                    "kind": model.KIND,
                    "title_vi": post.title_vi,
                    "title_en": post.title_en,
                    "description_vi": post.description_vi,
                    "description_en": post.description_en,
                    "quantity": str(post.quantity),
                    "unit": post.unit,
                    "price_per_unit": post.price_per_unit,
                    "address": post.address,
                    "status": post.status,
                    "posted_at": _iso(post.created_at),
                }
            )
    return posts


def _inquiries(user) -> list[dict]:
    """The messages I sent about posts and the answers I was given; nothing of the other side's
    identity or post beyond its address."""
    return [
        {
            "post": inquiry.post.get_absolute_url(),  # the post is someone else's: only where it is
            "message": inquiry.message,
            "answer": inquiry.answer,
            "sent_at": _iso(inquiry.created_at),
            "answered_at": _iso(inquiry.answered_at),
        }
        for inquiry in Inquiry.objects.filter(sender=user).select_related("offer", "request")
    ]


def _trip(user) -> list[dict]:
    trip = Trip.objects.filter(user=user).first()
    if trip is None:
        return []
    return [{"page": stop.page.title, "url": stop.page.url} for stop in trip.stops.select_related("page")]


def _consent(c: Consent) -> dict:
    return {
        "purpose": c.purpose,
        "channel": c.channel,
        "policy": c.policy_kind,
        "policy_version": c.policy_number,
        "given_at": _iso(c.given_at),
        "withdrawn_at": _iso(c.withdrawn_at),
        "order": c.order.code if c.order_id else None,
    }


# --- Deletion --------------------------------------------------------------------------


def retention_end(today=None):
    """The day until which a deleted account's accounting records keep name and address."""
    today = today or timezone.localdate()
    years = settings.PERSONAL_DATA_RETENTION_YEARS
    try:
        return today.replace(year=today.year + years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + years, day=28)


def delete_account(user) -> None:
    """Erase or anonymise `user`'s personal data now, all or nothing.

    Kept: orders (accounting) with the buyer's name and address, marked retained, and their
    complaints and refunds; consent records (proof of what was agreed, now withdrawn); the register
    of requests. Everything else goes.
    """
    now = timezone.now()
    with transaction.atomic():
        Order.objects.filter(user=user).update(
            phone="", email="", note="", invoice_email="", personal_data_retained_until=retention_end()
        )
        for review in Review.objects.filter(user=user):
            with translation.override(review.language):
                review.author_name = _("Former buyer")
            review.save(update_fields=["author_name"])
        for model in (Offer, Request):
            model.objects.filter(owner=user).exclude(status=Status.CLOSED).update(status=Status.CLOSED)
        Inquiry.objects.filter(sender=user).delete()
        Notification.objects.filter(user=user).delete()
        BoardProfile.objects.filter(user=user).delete()
        Address.objects.filter(user=user).delete()
        Favourite.objects.filter(user=user).delete()
        AccountPhone.objects.filter(user=user).delete()
        EmailAddress.objects.filter(user=user).delete()
        SavedCart.objects.filter(user=user).delete()
        Trip.objects.filter(user=user).delete()
        SignIn.objects.filter(user=user).delete()
        Consent.objects.of_user(user).filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
        _deidentify(user)


def _deidentify(user) -> None:
    user.username = f"deleted-{user.pk}-{secrets.token_hex(4)}"
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


# --- The register ----------------------------------------------------------------------


def register_request(user, kind: str, *, purpose: str = "", done: bool = True) -> DataRequest:
    """Enter a request in the register; requests the site carries out at once are done now."""
    now = timezone.now()
    return DataRequest.objects.create(
        user=user,
        subject_label=subject_label(user),
        kind=kind,
        purpose=purpose,
        received_at=now,
        due_at=now + timedelta(hours=settings.DATA_REQUEST_DUE_HOURS),
        done_at=now if done else None,
    )


def subject_label(user) -> str:
    """How the register names the person: the account number only, so that it outlives a deletion."""
    return f"#{user.pk}"


# --- Acknowledgements ------------------------------------------------------------------


def contact_of(user) -> tuple[str, str]:
    """(e-mail, phone) to acknowledge a request to: the account's e-mail, else its phone."""
    email = user.email or (
        EmailAddress.objects.filter(user=user).order_by("-primary").values_list("email", flat=True).first() or ""
    )
    phone = "" if email else (AccountPhone.objects.filter(user=user).values_list("phone", flat=True).first() or "")
    return email, phone


def acknowledge_request(data_request: DataRequest, *, language: str, email: str, phone: str) -> None:
    """Tell the person, in their language, that the request was received (and done), once the
    transaction that recorded it has committed. E-mail; a text message when the account has none."""
    with translation.override(language):
        context = {"data_request": data_request, "site_name": settings.WAGTAIL_SITE_NAME}
        subject = render_to_string("accounts/email/data_request_subject.txt", context).strip()
        body = render_to_string("accounts/email/data_request.txt", context)
    if email:
        transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))
    elif phone:
        transaction.on_commit(lambda: send_sms.enqueue(phone, subject))


def send_delete_code(code: str, *, language: str, email: str, phone: str) -> None:
    """The code that confirms an account's deletion, by e-mail or else by text message."""
    with translation.override(language):
        message = _("%(site)s: your code to delete your account is %(code)s. It is valid for 15 minutes.") % {
            "site": settings.WAGTAIL_SITE_NAME,
            "code": code,
        }
        subject = _("%(site)s: confirm the deletion of your account") % {"site": settings.WAGTAIL_SITE_NAME}
    if email:
        send_mail(subject, message, settings.DEFAULT_FROM_EMAIL, [email])
    else:
        send_sms.enqueue(phone, message)
