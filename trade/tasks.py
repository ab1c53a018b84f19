"""Background work of the board (django-tasks; immediate in development and tests)."""

from django_tasks import task


@task()
def close_expired_posts() -> int:
    """Write down what `.open()` already applies: posts past their end date are closed.

    Run it daily (`manage.py close_expired_posts` from cron, or a worker's schedule).
    """
    from .services import close_expired

    return close_expired()


@task()
def notify_matches(kind: str, post_id: int) -> int:
    """Notify owners of existing posts that a newly published post matches theirs."""
    from .models import Offer, Request
    from .services import notify_matches_for

    model = Offer if kind == "offer" else Request
    post = model.objects.with_related().filter(pk=post_id).first()
    return notify_matches_for(post) if post else 0
