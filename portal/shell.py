"""What every page's shell reads from the page tree — the menu, the footer's policy links and
the page's translations for the language links — in one query per request.

Links are made from each page's `url_path` and its language's home, as Wagtail's
`Page.get_url` does, but with the language prefix reversed once per language instead of once
per link (the shell shows a dozen links on every page).
"""

from dataclasses import dataclass, replace
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from .i18n import locale_for
from .policies.models import PolicyKind, PolicyPage


@dataclass(frozen=True)
class ShellPage:
    id: int
    title: str
    url_path: str
    path: str
    depth: int
    locale_id: int
    translation_key: object
    show_in_menus: bool
    policy_kind: str | None
    url: str | None = None


class Shell:
    """The shell's pages for one request (`shell_for` keeps one per request)."""

    def __init__(self, request, page=None):
        self.request = request
        self.page = page
        self.languages = {locale.pk: code for code, _name in settings.LANGUAGES if (locale := locale_for(code))}
        self.active_locale = locale_for(translation.get_language() or settings.LANGUAGE_CODE)
        self.default_locale = locale_for(settings.LANGUAGE_CODE)

    @cached_property
    def _tree(self) -> tuple[list[ShellPage], dict[int, ShellPage]]:
        """(the pages, {locale id: that language's home})."""
        site = Site.find_for_request(self.request) if self.request is not None else None
        if site is None or self.active_locale is None:
            return [], {}
        root = site.root_page
        # Each part on an index of the page table (translation_key, menu, content type): the
        # query reads the shell's few rows whatever the size of the catalogue.
        wanted = (
            Q(depth=root.depth, translation_key=root.translation_key)  # each language's home
            | Q(depth=root.depth + 1, show_in_menus=True, locale=self.active_locale)  # the menu
            | Q(
                content_type=ContentType.objects.get_for_model(PolicyPage),
                locale__in={self.default_locale.pk, self.active_locale.pk},
            )
        )
        if getattr(self.page, "translation_key", None):
            wanted |= Q(translation_key=self.page.translation_key)
        fields = [field for field in ShellPage.__dataclass_fields__ if field != "url"]
        rows = Page.objects.filter(wanted, live=True).annotate(policy_kind=F("policypage__kind")).order_by("path")
        pages = [ShellPage(*row) for row in rows.values_list(*fields)]
        homes = {p.locale_id: p for p in pages if p.depth == root.depth and p.translation_key == root.translation_key}
        return [replace(p, url=self._url(p.url_path, p.locale_id, homes)) for p in pages], homes

    @cached_property
    def _prefixes(self) -> dict[int, str]:
        """Each language's home URL ("/vi/"), as wagtail_serve reverses it in that language."""
        prefixes = {}
        for locale_id, code in self.languages.items():
            with translation.override(code):
                prefixes[locale_id] = reverse("wagtail_serve", args=("",))
        return prefixes

    def _url(self, url_path: str, locale_id: int, homes: dict) -> str | None:
        home = homes.get(locale_id)
        if home is None or not url_path.startswith(home.url_path) or locale_id not in self._prefixes:
            return None
        return self._prefixes[locale_id] + url_path[len(home.url_path) :]

    def url_of(self, page) -> str | None:
        """The URL of a page of this site (e.g. the one being shown), without a query."""
        return self._url(page.url_path, page.locale_id, self._tree[1]) if page.url_path else None

    @property
    def home(self) -> ShellPage | None:
        return self._tree[1].get(self.active_locale.pk) if self.active_locale else None

    @cached_property
    def menu(self) -> list[ShellPage]:
        """The live children of this language's home shown in menus, in the tree's order."""
        home = self.home
        if home is None:
            return []
        return [
            p
            for p in self._tree[0]
            if p.show_in_menus and p.depth == home.depth + 1 and p.path.startswith(home.path) and p.url
        ]

    @cached_property
    def policy_links(self) -> list[tuple[str, str]]:
        """(title, url) of each kind of policy page, in this language or else the default one."""
        found: dict[str, ShellPage] = {}
        for p in self._tree[0]:
            if p.policy_kind and p.url and (p.policy_kind not in found or p.locale_id == self.active_locale.pk):
                found[p.policy_kind] = p
        return [(found[kind].title, found[kind].url) for kind in PolicyKind.values if kind in found]

    def translations(self) -> dict[int, str]:
        """{locale id: URL} of the live translations of the page the shell was made for."""
        key = getattr(self.page, "translation_key", None)
        return {p.locale_id: p.url for p in self._tree[0] if key is not None and p.translation_key == key and p.url}


def shell_for(request, page=None) -> Shell:
    """This request's shell; made for `page` when given (its translations join the one query)."""
    shell = getattr(request, "_portal_shell", None)
    if shell is None or (page is not None and shell.page is None):
        shell = Shell(request, page)
        if request is not None:
            request._portal_shell = shell
    return shell
