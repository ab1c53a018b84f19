"""Background work of complaints (django-tasks): e-mail both sides of the cases not answered in time.
The queue itself needs no task: `Case.objects.needs_moderator()` computes it from the deadlines."""

from django_tasks import task

from . import services


@task()
def escalate_overdue_cases() -> int:
    return services.escalate_overdue()
