"""Pages that show batches are dropped when a batch is made or recalled; a trace page served
(from the response cache or not) is logged as a scan."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from catalogue.versions import bump_products
from portal.bulk import skipped_while_loading
from portal.models import page_cache_paths
from portal.page_cache import invalidate_paths, view_served

from . import scans
from .models import Batch
from .signals import batch_recalled


@skipped_while_loading
def drop_product_pages(batch) -> None:
    """The product page lists the latest lots inside its cached detail fragment."""
    invalidate_paths(page_cache_paths(batch.product))  # every language's copy and its ancestors
    bump_products([batch.product_id])  # its cached detail (lots) in every language


@receiver(post_save, sender=Batch, dispatch_uid="traceability_batch_saved_drop_product")
def batch_saved(sender, instance, created, **kwargs):
    if created:
        transaction.on_commit(lambda: drop_product_pages(instance))


@receiver(batch_recalled, dispatch_uid="traceability_batch_recalled_drop_product")
def batch_recalled_drop_product(sender, batch, **kwargs):
    drop_product_pages(batch)


@receiver(view_served, dispatch_uid="traceability_log_served_scan")
def log_served_scan(sender, request, notes, **kwargs):
    """The trace view notes the batch it showed; the note comes back with each cached copy."""
    if "scan" in notes and request.method == "GET":  # HEAD is a link checker, not a person scanning
        batch_id, via, language = notes["scan"]
        scans.log_scan(request, batch_id, via, language)
