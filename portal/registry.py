"""Seams through which apps add to the site shell without the shell importing them.

Dependencies point one way (DESIGN.md §2): every app may import `portal`, never the
reverse. An app registers its navigation links and home-page sections in its
`AppConfig.ready()`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NavItem:
    label: Any  # a lazy translation
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class HomeSection:
    template: str
    get_context: Callable[[Any, Any], dict]  # (request, home_page) -> context
    order: int = 100


nav_items: list[NavItem] = []
home_sections: list[HomeSection] = []


def register_nav_item(item: NavItem) -> None:
    if item not in nav_items:
        nav_items.append(item)
        nav_items.sort(key=lambda i: i.order)


def register_home_section(section: HomeSection) -> None:
    if section not in home_sections:
        home_sections.append(section)
        home_sections.sort(key=lambda s: s.order)


@dataclass(frozen=True)
class PagePanel:
    """A block rendered after a page's own content, e.g. "nearby" for pages with coordinates."""

    render: Callable[[Any, Any], str]  # (request, page) -> HTML ('' to show nothing)
    order: int = 100


page_panels: list[PagePanel] = []


def register_page_panel(panel: PagePanel) -> None:
    if panel not in page_panels:
        page_panels.append(panel)
        page_panels.sort(key=lambda p: p.order)


# Called with (request, page_id) for every successful page view, cached or not. Listeners
# must not write to the database in the request (buffer and flush in bulk).
page_view_listeners: list[Callable[[Any, int], None]] = []


def register_page_view_listener(listener: Callable[[Any, int], None]) -> None:
    if listener not in page_view_listeners:
        page_view_listeners.append(listener)
