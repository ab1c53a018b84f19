"""Demo: build the search index once the other apps' demo content is in (runs after them)."""

from .indexing import rebuild


def load(command) -> None:
    stats = rebuild()
    command.stdout.write(f"search: {stats['documents']} documents indexed")
