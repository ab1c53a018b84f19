"""Keeping the index in step with the content: documents of an object, and full rebuilds."""

import logging
import time
from collections.abc import Iterable

from django.apps import apps

from .backends import get_backend
from .documents import Document, SearchKind, get_kind, kinds, kinds_for_model, languages

logger = logging.getLogger("xuthanh.search")


def documents_of(kind: SearchKind, obj) -> list[Document]:
    """The object's documents, with the "kind" facet every document carries (for "all"): the
    kind's name, labelled when shown; and the object's titles in the other languages in its
    text, so that a Vietnamese dish name typed on the English site ("mam tom") finds the
    English page, and an English name typed on the Vietnamese site finds the Vietnamese one."""
    docs = []
    for doc in kind.to_documents(obj):
        doc.facets = {**doc.facets, "kind": [kind.name]}
        docs.append(doc)
    titles = {doc.locale: doc.title for doc in docs}
    titles.update({locale: title for locale, title in translated_titles(obj).items() if locale not in titles})
    for doc in docs:
        others = [title for locale, title in sorted(titles.items()) if locale != doc.locale and title != doc.title]
        if others:
            doc.text = " ".join([doc.text, *others])
    return docs


def translated_titles(obj) -> dict[str, str]:
    """Language → title of the object's published translations (wagtail-localize pages and
    snippets); {} for objects that are not translatable or whose documents carry every language."""
    if not hasattr(obj, "get_translations"):
        return {}
    translations = obj.get_translations()
    if hasattr(translations, "live"):
        translations = translations.live()  # a draft translation's title stays private
    title_field = "title" if hasattr(obj, "title") else "name" if hasattr(obj, "name") else None
    if title_field is None:
        return {}
    return dict(translations.values_list("locale__language_code", title_field))


def sync_object(model_label: str, pk: int, backend=None) -> int:
    """Index an object's documents and remove those it no longer has (unpublished, deleted,
    expired, hidden). Returns the number of documents written."""
    backend = backend or get_backend()
    model = apps.get_model(model_label)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is not None and hasattr(obj, "specific"):
        obj = obj.specific
    written = 0
    for kind in kinds_for_model(model):
        docs = documents_of(kind, obj) if obj is not None else []
        present = {doc.locale for doc in docs}
        if docs:
            written += backend.index(docs)
        for locale in languages():
            if locale not in present:
                backend.delete(kind.name, locale, pk)
    return written


def kind_documents(kind: SearchKind, locale: str) -> Iterable[Document]:
    objects = kind.objects()
    for obj in objects.iterator(chunk_size=500) if hasattr(objects, "iterator") else objects:
        obj._search_known_public = True  # kinds' objects() are live and public already
        for doc in documents_of(kind, obj):
            if doc.locale == locale:
                yield doc


def rebuild(kind_names: list[str] | None = None, backend=None, stdout=None) -> dict:
    """Rebuild every (kind, language) index: a new index filled and swapped in (Elasticsearch)
    or replaced in one transaction (database). Returns {"documents": n, "seconds": s}."""
    backend = backend or get_backend()
    started = time.monotonic()
    total = 0
    for name in kind_names or list(kinds()):
        kind = get_kind(name)
        if kind is None:
            continue
        for locale in languages():
            count = backend.rebuild(kind.name, locale, kind_documents(kind, locale))
            total += count
            if stdout is not None:
                stdout.write(f"{backend.name}: {kind.name}/{locale}: {count} documents\n")
    seconds = time.monotonic() - started
    return {"documents": total, "seconds": seconds, "rate": total / seconds if seconds else 0.0}
