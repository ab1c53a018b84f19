"""What follows a verified phone: the guest orders placed with that phone join the account."""

from django.dispatch import receiver

from . import services
from .signals import phone_verified


@receiver(phone_verified, dispatch_uid="accounts.claim_guest_orders")
def claim_orders_of_verified_phone(sender, user, phone, **kwargs):
    services.claim_guest_orders(user)
