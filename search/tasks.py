"""Background indexing (django-tasks): the immediate backend runs it at once, production's
database backend hands it to `manage.py db_worker`."""

import logging

from django_tasks import task

from .indexing import sync_object

logger = logging.getLogger("xuthanh.search")


@task()
def sync_objects(model_label: str, pks: list[int]) -> int:
    try:
        return sum(sync_object(model_label, pk) for pk in pks)
    except Exception:
        # The task is marked failed; `search_index --rebuild` repairs what was missed.
        logger.exception("search: could not index %s %s", model_label, pks)
        raise
