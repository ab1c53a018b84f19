"""The site's periodic work, without cron: `manage.py schedule` runs forever (deploy/).

django-tasks 0.12 has no periodic tasks, so this small loop keeps the schedule (README):
it enqueues the order-expiry and post-closing tasks, which the task worker (`db_worker`)
runs, and writes the buffered scans and page views itself (a five-second job gains nothing
from a queue). Several schedulers sharing Redis enqueue each job once per period: a slot
is claimed with `cache.add`. `--once` runs every job once and exits (cron, tests).
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from dashboards import pageviews
from orders.complaints.tasks import escalate_overdue_cases
from orders.tasks import expire_unpaid_orders
from traceability import scans
from trade.tasks import close_expired_posts

log = logging.getLogger(__name__)


def flush_buffers() -> int:
    """Scans and page views waiting in Redis (or in this process) go to the database."""
    return scans.flush() + pageviews.flush()


JOBS = {
    "expire_unpaid_orders": lambda: expire_unpaid_orders.enqueue(),
    "close_expired_posts": lambda: close_expired_posts.enqueue(),
    "escalate_complaints": lambda: escalate_overdue_cases.enqueue(),
    "flush_buffers": flush_buffers,
}


def claim(job: str, period: int, now: float) -> bool:
    """True for the first scheduler to ask in this period (shared through the cache)."""
    slot = int(now // period)
    return cache.add(f"schedule:{job}:{slot}", 1, period + 60)


class Command(BaseCommand):
    help = "Run the periodic jobs (expire unpaid orders, close expired posts, write buffered scans and views)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")

    def handle(self, *args, once=False, **options):
        periods = settings.SCHEDULE_PERIODS
        if once:
            for job in JOBS:
                self.run(job)
            return
        self.stdout.write(f"schedule: {', '.join(f'{job} every {s} s' for job, s in periods.items())}")
        next_run = dict.fromkeys(JOBS, 0.0)
        while True:
            now = time.time()
            for job, run_at in next_run.items():
                if now >= run_at:
                    period = periods[job]
                    next_run[job] = (now // period + 1) * period
                    # Buffers are drained under their own lock; the others run once per period.
                    if job == "flush_buffers" or claim(job, period, now):
                        self.run(job)
            close_old_connections()
            time.sleep(max(0.2, min(next_run.values()) - time.time()))

    def run(self, job: str) -> None:
        try:
            result = JOBS[job]()
        except Exception:  # one failing job must not stop the schedule
            log.exception("scheduled job %s failed", job)
            return
        if job != "flush_buffers" or result:
            self.stdout.write(f"{job}: {getattr(result, 'id', result)}")
