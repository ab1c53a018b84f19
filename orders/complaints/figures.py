"""Complaint figures for the province dashboard (dashboards reads them from here)."""

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from .models import Answer, Case, CaseStatus


def complaint_figures(start_at, end_before, now=None) -> dict:
    """Cases opened in [start_at, end_before): how many, answered by the business in time,
    escalated to the moderators (overdue or disputed), closed for the buyer (refund or return)
    or for the business (rejected), and the đồng refunded — in one query."""
    now = now or timezone.now()
    closed = Q(status=CaseStatus.CLOSED)
    figures = Case.objects.filter(opened_at__gte=start_at, opened_at__lt=end_before).aggregate(
        opened=Count("pk"),
        answered_in_time=Count("pk", filter=Q(answered_at__isnull=False, answered_at__lte=F("answer_due_at"))),
        escalated=Count(
            "pk",
            filter=Q(escalated_at__isnull=False)
            | Q(status=CaseStatus.OPEN, answer_due_at__lt=now)
            | Q(decided_by_moderator=True),
        ),
        for_buyer=Count("pk", filter=closed & ~Q(outcome=Answer.REJECT)),
        for_business=Count("pk", filter=closed & Q(outcome=Answer.REJECT)),
        refunded=Sum("refund_amount", filter=closed, default=0),
    )
    return figures
