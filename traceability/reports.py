"""Consumers' reports of a problem with a product, sent from a batch's trace page to its
producer and the moderators: stored (admin, each producer sees its own) and e-mailed."""

import logging

from django import forms
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue.permissions import MODERATORS_GROUP

from .models import ProblemReport

log = logging.getLogger(__name__)


class ProblemReportForm(forms.ModelForm):
    class Meta:
        model = ProblemReport
        fields = ["kind", "message", "contact"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5, "maxlength": ProblemReport.MESSAGE_MAX})}

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if "\x00" in message:
            raise forms.ValidationError(_("The message contains characters that are not allowed."))
        if len(message) < 10:
            raise forms.ValidationError(_("Say in a few words what is wrong (at least 10 characters)."))
        return message

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        if "\x00" in contact:
            raise forms.ValidationError(_("The message contains characters that are not allowed."))
        return contact


def recipients(batch) -> list[str]:
    """The producer's contact e-mail and every active moderator's."""
    users = get_user_model().objects.filter(groups__name=MODERATORS_GROUP, is_active=True).exclude(email="")
    addresses = list(users.values_list("email", flat=True).distinct())
    if batch.producer_id and batch.producer.email:
        addresses.insert(0, batch.producer.email)
    return list(dict.fromkeys(addresses))


def submit_report(batch, cleaned_data: dict) -> ProblemReport:
    report = ProblemReport.objects.create(batch=batch, **cleaned_data)
    transaction.on_commit(lambda: _mail(report))
    return report


def _mail(report: ProblemReport) -> None:
    batch = report.batch
    to = recipients(batch)
    if not to:
        return
    subject = gettext("Problem reported with %(product)s, lot %(lot)s") % {
        "product": batch.product.title,
        "lot": batch.lot_number,
    }
    body = "\n".join(
        [
            f"{gettext('Kind')}: {report.get_kind_display()}",
            f"{gettext('Contact')}: {report.contact or '—'}",
            "",
            report.message,
        ]
    )
    try:
        send_mail(subject, body, None, to)
    except OSError:  # the report is stored and shown in the admin; a mail server down must not lose it
        log.exception("Problem report %s stored but not mailed", report.pk)
