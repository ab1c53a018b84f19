from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .i18n import forget_locales
from .models import SiteSettings, bump_shell_version, page_cache_paths
from .page_cache import invalidate_paths
from .sites import forget_sites


@receiver(page_published)
@receiver(page_unpublished)
def drop_cached_copies(sender, instance, **kwargs):
    invalidate_paths(page_cache_paths(instance))
    bump_shell_version([instance.locale_id])  # the menu and home sections may show it


@receiver(post_page_move)
def drop_cached_copies_after_move(sender, instance, url_path_before, **kwargs):
    invalidate_paths(page_cache_paths(instance))
    bump_shell_version([instance.locale_id])


@receiver(post_delete)
def drop_shell_of_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_shell_version([instance.locale_id])


@receiver(post_save, sender=SiteSettings)
def drop_footers(sender, instance, **kwargs):
    bump_shell_version()  # the footer shows the contact settings


post_save.connect(forget_locales, sender=Locale, dispatch_uid="portal.forget_locales.save")
post_delete.connect(forget_locales, sender=Locale, dispatch_uid="portal.forget_locales.delete")
post_save.connect(forget_sites, sender=Site, dispatch_uid="portal.forget_sites.save")
post_delete.connect(forget_sites, sender=Site, dispatch_uid="portal.forget_sites.delete")
