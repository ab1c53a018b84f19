from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SellerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "seller"
    verbose_name = _("Seller workspace")
