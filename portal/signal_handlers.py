from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import page_cache_paths
from .page_cache import invalidate_paths


@receiver(page_published)
@receiver(page_unpublished)
def drop_cached_copies(sender, instance, **kwargs):
    invalidate_paths(page_cache_paths(instance))


@receiver(post_page_move)
def drop_cached_copies_after_move(sender, instance, url_path_before, **kwargs):
    invalidate_paths(page_cache_paths(instance))
