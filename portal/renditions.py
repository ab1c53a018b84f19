"""Image renditions are made when an image is saved, not when a visitor first asks.

The sizes are the ones our templates and JSON-LD use; a test checks this list against the
templates so that a new size is not forgotten.
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.db.transaction import on_commit
from django_tasks import task

from .bulk import skipped_while_loading

RENDITION_SPECS = (
    "fill-240x240",
    "fill-480x320",
    "fill-480x360",
    "fill-960x640",
    "fill-1200x480",
    "fill-1200x600",
    "fill-1200x630",
    "max-800x600",
)


@task()
def make_renditions(image_id: int) -> int:
    from wagtail.images import get_image_model

    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    return len(image.get_renditions(*RENDITION_SPECS))


@skipped_while_loading  # a bulk load's images get theirs on first view, as Wagtail does by default
def _image_saved(sender, instance, created, **kwargs):
    if kwargs.get("raw") or not getattr(settings, "RENDITIONS_AHEAD_OF_TIME", True):
        return
    on_commit(lambda: make_renditions.enqueue(instance.pk))


def connect() -> None:
    from wagtail.images import get_image_model

    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="portal_make_renditions")
