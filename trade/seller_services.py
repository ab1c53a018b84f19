"""The board seen from the seller workspace: the business's posts and the questions to answer.

Answering goes through `trade.services.answer_inquiry` (the poster answers; contact details
are exchanged then), so the workspace adds no rule of its own.
"""

from django.db.models import Count, Q

from .models import Inquiry, Offer, Request


def _own_posts(producer, user) -> Q:
    return Q(owner=user) | Q(producer__translation_key=producer.translation_key)


def posts_of(producer, user) -> list:
    """The business's offers and requests, newest first, each with its number of inquiries."""
    own = _own_posts(producer, user)
    offers = Offer.objects.filter(own).annotate(inquiry_count=Count("inquiries"))
    requests = Request.objects.filter(own).annotate(inquiry_count=Count("inquiries"))
    return sorted([*offers, *requests], key=lambda post: post.created_at, reverse=True)


def inquiries_of(producer, user):
    """Questions about the business's posts (or the user's own), oldest unanswered first."""
    own = (
        Q(offer__producer__translation_key=producer.translation_key)
        | Q(request__producer__translation_key=producer.translation_key)
        | Q(offer__owner=user)
        | Q(request__owner=user)
    )
    return (
        Inquiry.objects.filter(own)
        .select_related("sender", "offer__owner", "request__owner")
        .order_by("answered_at", "created_at")
    )


def unanswered_inquiries(producer, user):
    return inquiries_of(producer, user).filter(answered_at__isnull=True)
