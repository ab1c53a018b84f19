from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    label = "orders"
    verbose_name = _("Orders")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from portal.registry import NavItem, register_nav_item

        from .cart import merge_saved_cart

        def on_login(sender, request, user, **kwargs):
            if request is not None and hasattr(request, "session"):
                merge_saved_cart(request, user)

        user_logged_in.connect(on_login, weak=False, dispatch_uid="orders_merge_saved_cart")
        register_nav_item(NavItem(_("Cart"), "orders:cart", 900))
