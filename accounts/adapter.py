"""allauth's adapter: phone numbers stored in AccountPhone, codes sent by SMS through a task, and
where a person lands after signing in (a business in its workspace, as seller.signin decides)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils.translation import gettext as _

from seller.signin import is_business_only, workspace_url

from . import services
from .forms import PhoneField
from .tasks import send_sms


class AccountAdapter(DefaultAccountAdapter):
    def phone_form_field(self, **kwargs):
        kwargs.pop("validators", None)
        return PhoneField(**kwargs)

    def clean_phone(self, phone: str) -> str:
        return services.clean_phone(phone)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        message = _("%(site)s: your code is %(code)s. It is valid for 15 minutes.") % {
            "site": self._site_name(),
            "code": code,
        }
        send_sms.enqueue(phone, message)

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        send_sms.enqueue(phone, _("%(site)s: no account uses this phone number.") % {"site": self._site_name()})

    def send_account_already_exists_sms(self, phone: str) -> None:
        message = _("%(site)s: an account already uses this phone number. Sign in, or reset its password.")
        send_sms.enqueue(phone, message % {"site": self._site_name()})

    def set_phone(self, user, phone: str, verified: bool) -> None:
        services.set_phone(user, phone, verified)

    def get_phone(self, user):
        record = services.phone_of(user)
        return (record.phone, record.verified) if record else None

    def set_phone_verified(self, user, phone: str) -> None:
        services.mark_phone_verified(user, phone)

    def get_user_by_phone(self, phone: str):
        return services.user_by_phone(phone)

    def send_mail(self, template_prefix, email, context):
        context = {**context, "SITE_NAME": self._site_name()}
        return super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request):
        if is_business_only(request.user):
            return workspace_url(request.user)
        return super().get_login_redirect_url(request)

    @staticmethod
    def _site_name() -> str:
        return settings.WAGTAIL_SITE_NAME


def axes_username(request, credentials=None) -> str | None:
    """The name django-axes counts failures under: the sign-in name however the form called it."""
    credentials = credentials or {}
    for key in ("username", "email", "phone", "login"):
        if credentials.get(key):
            return str(credentials[key])
    data = getattr(request, "POST", None) or {}
    return data.get("login") or data.get("username") or None
