"""An index of the pages shown in menus. Every page asks for the home page's children in
menus (portal.context_processors); Wagtail finds children by a path range that covers the
whole site, so without this the query reads every page, and costs more the larger the
catalogue. Few pages are in menus: a small partial index answers it."""

from django.db import migrations

INDEX = "portal_pages_in_menus_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_homepage_shell_version"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (path) WHERE show_in_menus",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
