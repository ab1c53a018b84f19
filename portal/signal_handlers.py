import copy

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .bulk import skipped_while_loading
from .i18n import forget_locales
from .models import Area, SiteSettings, bump_home_sections, bump_shell_version, page_cache_paths, page_paths
from .page_cache import invalidate_all, invalidate_paths


@receiver(page_published)
@receiver(page_unpublished)
@skipped_while_loading
def drop_cached_copies(sender, instance, **kwargs):
    invalidate_paths(page_cache_paths(instance))
    drop_home_fragments(instance)


def drop_home_fragments(page: Page) -> None:
    """The home page's sections may list any page; the menu of every page lists the home
    page's children."""
    bump_home_sections([page.locale_id])
    if page.depth <= 3:
        bump_shell_version([page.locale_id])


def _paths_before(page: Page, url_path_before: str) -> list[str]:
    """Where the page and the pages below it were answered before a move or a new slug."""
    paths = []
    for item in page.get_descendants(inclusive=True):
        before = copy.copy(item)
        before.url_path = url_path_before + item.url_path[len(page.url_path) :]
        parts = before.get_url_parts()
        if parts:
            paths.append(parts[2])
    return paths


@receiver(page_slug_changed)
@skipped_while_loading
def drop_cached_copies_at_the_old_address(sender, instance, instance_before, **kwargs):
    invalidate_paths(_paths_before(instance, instance_before.url_path))


@receiver(post_page_move)
@skipped_while_loading
def drop_cached_copies_after_move(sender, instance, url_path_before, **kwargs):
    invalidate_paths(page_cache_paths(instance) + _paths_before(instance, url_path_before))
    drop_home_fragments(instance)


@receiver(post_delete)
def drop_shell_of_deleted_page(sender, instance, **kwargs):
    if isinstance(instance, Page):
        drop_home_fragments(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@skipped_while_loading
def drop_cached_copies_of_restricted_pages(sender, instance, **kwargs):
    """A restriction covers the page and everything below it: none of them may be replayed."""
    restricted = Page.objects.filter(pk=instance.page_id).first()
    if restricted is not None:
        invalidate_paths(page_paths(restricted.get_descendants(inclusive=True)))


@receiver(post_save, sender=SiteSettings)
def drop_footers(sender, instance, created, **kwargs):
    if not created:  # made with empty defaults on a site's first request: the footer is unchanged
        bump_shell_version()  # the footer shows the contact settings


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def drop_every_copy_for_the_menu(sender, instance, **kwargs):
    """A home page (depth 2) and its children make the menu and footer of every page."""
    if instance.depth <= 3:
        invalidate_all()


@receiver(post_save, sender=SiteSettings)
def drop_every_copy_for_the_footer(sender, instance, created, **kwargs):
    """Every page's footer shows the site settings (made empty on a site's first request)."""
    if not created:
        invalidate_all()


@receiver(post_save, sender=Area)
@receiver(post_delete, sender=Area)
@receiver(post_save, sender=Locale)
def drop_every_copy(sender, instance, **kwargs):
    """Every page offers the languages; product, producer and tourism pages name their area."""
    invalidate_all()


post_save.connect(forget_locales, sender=Locale, dispatch_uid="portal.forget_locales.save")
post_delete.connect(forget_locales, sender=Locale, dispatch_uid="portal.forget_locales.delete")
