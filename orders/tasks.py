"""Background work of the orders app (django-tasks); the order confirmation e-mail's task
is `orders.emails.send_order_confirmation`."""

from django_tasks import task


@task()
def expire_unpaid_orders() -> int:
    """Expire unpaid card and transfer orders past their time and give their stock back."""
    from .payments.expiry import expire_unpaid_orders as expire

    return expire()
