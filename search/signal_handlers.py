"""Index on publish, unpublish, save, delete and stock changes, through django-tasks."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from catalogue.signals import product_stock_changed
from portal.bulk import skipped_while_loading

from .documents import forget_labels, kinds_for_model


@skipped_while_loading  # load_demo's search step rebuilds the index once
def enqueue(model, pks) -> None:
    # Most saves (sessions, revisions…) are of models nothing indexes: check that first.
    if not kinds_for_model(model):
        return
    pks = [int(pk) for pk in pks if pk is not None]
    if not pks:
        return
    label = model._meta.label

    def run():
        from .tasks import sync_objects

        sync_objects.enqueue(label, pks)

    transaction.on_commit(run)


def on_page_changed(sender, instance, **kwargs):
    forget_labels(type(instance))
    enqueue(type(instance), [instance.pk])


def on_saved(sender, instance, raw=False, **kwargs):
    forget_labels(sender)  # a renamed category or area shows its new name in facets at once
    if raw or hasattr(instance, "path"):  # pages index on publish, not on every draft save
        return
    enqueue(sender, [instance.pk])


def on_deleted(sender, instance, **kwargs):
    forget_labels(sender)
    enqueue(sender, [instance.pk])


def on_stock_changed(sender, product_ids=(), listed_changed=True, **kwargs):
    if listed_changed:  # the index holds the lowest price and whether it is in stock, not the counts
        enqueue(sender, product_ids)


def connect() -> None:
    page_published.connect(on_page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_changed, dispatch_uid="search_page_unpublished")
    post_save.connect(on_saved, dispatch_uid="search_saved")
    post_delete.connect(on_deleted, dispatch_uid="search_deleted")
    product_stock_changed.connect(on_stock_changed, dispatch_uid="search_stock_changed")
