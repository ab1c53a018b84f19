"""A policy page's publish records its version; every footer links to the policy pages and
names the operator, so publishing one or saving the operator drops every footer."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from portal.bulk import skipped_while_loading
from portal.models import bump_shell_version
from portal.page_cache import invalidate_all

from .models import ExchangeOperator, PolicyPage, record_version_on_publish


@receiver(page_published, sender=PolicyPage)
def record_version(sender, instance, revision, **kwargs):
    # Not skipped while loading the demo: a version is part of the content, not a cache.
    record_version_on_publish(instance, revision)


@receiver(page_published, sender=PolicyPage)
@receiver(page_unpublished, sender=PolicyPage)
def drop_footers_for_policy(sender, instance, **kwargs):
    bump_shell_version()  # every language: a language without its own page links to the default's
    drop_every_copy()


@skipped_while_loading  # load_demo drops every copy once at the end
def drop_every_copy():
    invalidate_all()


@receiver(post_save, sender=ExchangeOperator)
def drop_footers_for_operator(sender, instance, created, **kwargs):
    if not created:  # made empty on a site's first request: the footer is unchanged
        bump_shell_version()
        invalidate_all()
