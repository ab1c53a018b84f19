from django import template

from accounts.models import Address

register = template.Library()


@register.simple_tag
def saved_addresses(user):
    """A signed-in shopper's saved addresses (default first), for checkout; none for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Address.objects.of(user))
