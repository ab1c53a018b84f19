from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _after_migrate(sender, **kwargs):
    """Once every app's permissions exist (after the last app's post_migrate), set up moderation."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if sender.label != with_models[-1].label:
        return
    from .onboarding import ensure_moderation_workflow, ensure_moderator_permissions

    ensure_moderator_permissions()
    ensure_moderation_workflow()


class CatalogueConfig(AppConfig):
    name = "catalogue"
    label = "catalogue"
    verbose_name = _("Catalogue")

    def ready(self):
        from . import (
            listing,  # noqa: F401 — keeps each product's listing columns in step
            points,  # noqa: F401 — keeps each product's stored point in step
            publishing,  # noqa: F401 — refuses to put taken-down or unlicensed listings live
            signal_handlers,  # noqa: F401
        )

        post_migrate.connect(_after_migrate, dispatch_uid="catalogue_moderation_setup")
