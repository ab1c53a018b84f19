"""Background work of the board (django-tasks; immediate in development and tests)."""

from django_tasks import task


@task()
def close_expired_posts() -> int:
    """Write down what `.open()` already applies: posts past their end date are closed.

    Run it daily (`manage.py close_expired_posts` from cron, or a worker's schedule).
    """
    from .services import close_expired

    return close_expired()
