"""Background work of accounts (django-tasks): text messages with verification codes."""

import logging

from django.conf import settings
from django_tasks import task

sms_log = logging.getLogger("xuthanh.sms")


@task()
def send_sms(phone: str, message: str) -> None:
    """Send a text message. No SMS provider is configured yet (SMS_PROVIDER is empty), so the
    message is written to the log (logger `xuthanh.sms`), where the operator or a test reads it."""
    if settings.SMS_PROVIDER:
        raise NotImplementedError(f"SMS provider {settings.SMS_PROVIDER!r} is not supported yet")
    sms_log.info("SMS to %s: %s", phone, message)
