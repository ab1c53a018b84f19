"""`manage.py search_index --rebuild`: rebuild the search index with no downtime."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import get_backend
from search.documents import kinds, languages
from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (a new index per kind and language, swapped in when full), or show counts."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Rebuild every kind (or those given with --kind).")
        parser.add_argument("--kind", action="append", default=None, help="Only this kind (repeatable).")

    def handle(self, *args, **options):
        backend = get_backend()
        names = options["kind"] or list(kinds())
        unknown = [name for name in names if name not in kinds()]
        if unknown:
            raise CommandError(f"Unknown kind(s): {', '.join(unknown)}. Known: {', '.join(kinds())}.")
        if options["rebuild"]:
            stats = rebuild(names, backend=backend, stdout=self.stdout)
            self.stdout.write(
                f"{backend.name}: {stats['documents']} documents in {stats['seconds']:.1f} s "
                f"({stats['rate']:.0f} documents/s)"
            )
            return
        for name in names:
            for locale in languages():
                self.stdout.write(f"{backend.name}: {name}/{locale}: {backend.count(name, locale)} documents")
