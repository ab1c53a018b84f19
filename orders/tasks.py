"""Background work of the orders app (django-tasks)."""

from django_tasks import task


@task()
def expire_unpaid_orders() -> int:
    """Expire unpaid card and transfer orders past their time and give their stock back."""
    from .services import expire_unpaid_orders as expire

    return expire()


@task()
def send_order_confirmation(order_id: int) -> bool:
    from .emails import send_order_confirmation as send
    from .models import Order

    order = Order.objects.filter(pk=order_id).first()
    return bool(order and send(order))
