"""Background indexing (django-tasks): the immediate backend runs it at once, production's
database backend hands it to `manage.py db_worker`."""

from django_tasks import task

from .indexing import sync_object


@task()
def sync_objects(model_label: str, pks: list[int]) -> int:
    return sum(sync_object(model_label, pk) for pk in pks)
