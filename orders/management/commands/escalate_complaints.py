from django.core.management.base import BaseCommand

from orders.complaints.tasks import escalate_overdue_cases


class Command(BaseCommand):
    help = (
        "Enqueue the task that e-mails both sides of complaints not answered in time (run it from cron hourly; "
        "the moderators' queue shows overdue cases without it)."
    )

    def handle(self, *args, **options):
        result = escalate_overdue_cases.enqueue()
        self.stdout.write(f"enqueued escalate_overdue_cases ({result.id}, {result.status})")
