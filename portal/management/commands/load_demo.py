from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand

from portal.bulk import loading_in_bulk


class Command(BaseCommand):
    help = (
        "Load the demo content in Vietnamese and English. Idempotent: running it twice "
        "changes nothing. Each app contributes through its own `demo.load(command)`."
    )

    def handle(self, *args, **options):
        # INSTALLED_APPS order is dependency order: portal, catalogue, tourism, …
        # Search is installed after the apps it indexes: its demo step rebuilds the index once
        # they are loaded (dashboards, seller and accounts after it add nothing it indexes).
        with loading_in_bulk():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if config.name.startswith(("wagtail", "django")) or find_spec(module_name) is None:
                    continue
                import_module(module_name).load(self)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
