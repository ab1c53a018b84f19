from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Load the demo content in Vietnamese and English. Idempotent: running it twice "
        "changes nothing. Each app contributes through its own `demo.load(command)`."
    )

    def handle(self, *args, **options):
        # INSTALLED_APPS order is dependency order: portal, catalogue, tourism, …
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if config.name.startswith(("wagtail", "django")) or find_spec(module_name) is None:
                continue
            import_module(module_name).load(self)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
