"""The footer's policy links and operator details, in the active language."""

from django import template
from django.utils import translation

from portal.policies.models import policy_links as _policy_links
from portal.shell import shell_for

register = template.Library()


@register.simple_tag(takes_context=True)
def policy_links(context):
    """[(title, url)] of the policy pages, in PolicyKind order (the footer caches them): read
    with the rest of the shell in one query when there is a request."""
    request = context.get("request")
    return shell_for(request).policy_links if request is not None else _policy_links(translation.get_language())


@register.simple_tag
def operator_in_language(operator):
    """The operator's name, address and registration issuer in the active language."""
    language = translation.get_language()
    return {
        "name": operator.name_in(language),
        "address": operator.address_in(language),
        "issuer": operator.issuer_in(language),
    }
