from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    label = "orders"
    verbose_name = _("Orders")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .cart import merge_saved_cart

        def on_login(sender, request, user, **kwargs):
            if request is not None and hasattr(request, "session"):
                merge_saved_cart(request, user)

        user_logged_in.connect(on_login, weak=False, dispatch_uid="orders_merge_saved_cart")

        from django.db.models.signals import post_save

        from traceability.signals import batch_recalled

        from . import recalls
        from .models import OrderLine

        batch_recalled.connect(recalls.on_batch_recalled, dispatch_uid="orders_tell_buyers_of_recall")
        post_save.connect(recalls.on_line_saved, sender=OrderLine, dispatch_uid="orders_recall_on_line_save")

        from django.db.models.signals import post_delete

        from .reviews.models import Review
        from .reviews.services import drop_shown_copies

        def review_changed(sender, instance, **kwargs):
            drop_shown_copies(instance)

        post_save.connect(review_changed, sender=Review, weak=False, dispatch_uid="orders_review_saved")
        post_delete.connect(review_changed, sender=Review, weak=False, dispatch_uid="orders_review_deleted")
