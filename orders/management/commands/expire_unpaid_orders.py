from django.core.management.base import BaseCommand

from orders.tasks import expire_unpaid_orders


class Command(BaseCommand):
    help = "Enqueue the task that expires unpaid card and transfer orders (run it from cron every few minutes)."

    def handle(self, *args, **options):
        result = expire_unpaid_orders.enqueue()
        self.stdout.write(f"enqueued expire_unpaid_orders ({result.id}, {result.status})")
