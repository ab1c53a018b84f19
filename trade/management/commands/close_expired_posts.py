from django.core.management.base import BaseCommand

from trade.tasks import close_expired_posts


class Command(BaseCommand):
    help = "Close board posts whose end date has passed (queues the django-tasks task)."

    def handle(self, *args, **options):
        result = close_expired_posts.enqueue()
        self.stdout.write(f"close_expired_posts queued: {result.id}")
