from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "trade"
    label = "trade"
    verbose_name = _("Supply and demand")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import Offer, Request

        # The home page's newest offers and requests are in its cached sections: a post that
        # opens, closes or changes shows there at once.
        for model in (Offer, Request):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(_drop_fragments, sender=model, dispatch_uid=f"trade.fragments.{name}.{model.__name__}")

        # One kind of account (accounts/): a board user is verified once their e-mail or phone is.
        from allauth.account.signals import email_confirmed

        from accounts.signals import phone_verified

        email_confirmed.connect(_email_confirmed, dispatch_uid="trade.email_confirmed")
        phone_verified.connect(_phone_verified, dispatch_uid="trade.phone_verified")


def _email_confirmed(sender, request=None, email_address=None, **kwargs):
    from .services import mark_contact_verified

    mark_contact_verified(email_address.user, email=True)


def _phone_verified(sender, user=None, phone="", **kwargs):
    from .services import mark_contact_verified

    mark_contact_verified(user, phone=phone)


def _drop_fragments(sender, **kwargs):
    from portal.models import bump_home_sections

    bump_home_sections()
