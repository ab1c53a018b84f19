from functools import partial

from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .page_cache import invalidate_paths, mark_cacheable, note_view
from .places import validate_coordinates


def page_paths(pages) -> tuple[str, ...]:
    """The URL paths of these pages themselves (None and pages without a URL are skipped)."""
    parts = (page.get_url_parts() for page in pages if page is not None)
    return tuple(part[2] for part in parts if part)


def page_cache_paths(page: Page) -> list[str]:
    """Paths whose cached copies show this page: itself, its ancestors and the pages that list
    it elsewhere in the tree (`BasePage.get_listing_pages`), in every language."""
    paths = []
    for shown in [page, *getattr(page, "get_listing_pages", list)()]:
        for translation in shown.get_translations(inclusive=True):
            for item in [translation, *translation.get_ancestors()]:
                parts = item.get_url_parts()
                if parts:
                    paths.append(parts[2])
    return paths


class SeoMixin:
    """What every page gives to <head>: Open Graph data and JSON-LD."""

    def get_og_image(self):
        return None

    def get_json_ld(self, request) -> dict | None:
        return None

    def json_ld_thing(self, request, schema_type: str) -> dict:
        """The schema.org fields every page's JSON-LD starts with."""
        return {
            "@context": "https://schema.org",
            "@type": schema_type,
            "name": self.title,
            "url": self.get_full_url(request),
            "inLanguage": get_language(),  # the page's own: served under its language's prefix
        }


class BasePage(SeoMixin, Page):
    class Meta:
        abstract = True

    def get_listing_pages(self) -> list[Page]:
        """Pages outside its ancestors that list this page: their cached copies show it too."""
        return []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the template when it renders it: not at all while a cached fragment holds it.
        context["page_json_ld"] = partial(self.get_json_ld, request)
        return context

    def get_view_restrictions(self):
        """Wagtail's restrictions on this page and its ancestors, an alias answering for its
        source as in Wagtail, in one query instead of two (it runs on every page view)."""
        from wagtail.models import PageViewRestriction

        steps = range(self.steplen, len(self.path) + 1, self.steplen)
        chain = Page.objects.filter(path__in=[self.path[:end] for end in steps])
        return PageViewRestriction.objects.filter(
            models.Q(page__in=chain.filter(alias_of__isnull=True))
            | models.Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
        )

    def serve(self, request, *args, **kwargs):
        self.note_served(request)
        return super().serve(request, *args, **kwargs)

    def note_served(self, request) -> None:
        """Count the view; anonymous views of live pages may be answered from the page cache next time."""
        if not getattr(request, "is_preview", False):
            note_view(request, "page_id", self.pk)
            if not request.user.is_authenticated:
                mark_cacheable(request)


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title", label=_("Heading"))),
            ("paragraph", blocks.RichTextBlock(label=_("Paragraph"))),
            ("image", ImageBlock(label=_("Image"))),
        ],
        blank=True,
        verbose_name=_("body"),
    )
    # Lives on the home page, not in site settings, so that each language has its own.
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])
    # Parts of the keys of cached fragments, with the page's cache_key, bumped when what they
    # show beyond this page changes: the menu and footer of every page (a menu page, the site
    # settings: bump_shell_version), the home page's sections (what another app lists there,
    # e.g. a product's stock: bump_home_sections).
    shell_version = models.PositiveIntegerField(default=0, editable=False)
    sections_version = models.PositiveIntegerField(default=0, editable=False)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
        FieldPanel("footer_text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = None  # one per locale

    class Meta:
        verbose_name = _("home page")

    def get_og_image(self):
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Each section's queries run only when home_page.html renders it: not while its
        # cached fragment (keyed on shell_version and the day) is kept.
        # Each app gives its section through the "register_home_section" hook (portal imports no app).
        context["sections"] = [
            {
                "template": section["template"],
                "context": SimpleLazyObject(partial(section["get_context"], request, self)),
            }
            for section in (hook() for hook in hooks.get_hooks("register_home_section"))
        ]
        context["today"] = timezone.localdate()
        request._localized_home = self  # the menu and footer's home (portal.context_processors), no query
        return context

    def get_json_ld(self, request):
        return self.json_ld_thing(request, "WebSite")


def _bump_homes(field: str, locale_ids) -> None:
    homes = HomePage.objects.all() if locale_ids is None else HomePage.objects.filter(locale_id__in=list(locale_ids))
    homes.update(**{field: models.F(field) + 1})
    # The home page's own response copy shows them too.
    invalidate_paths(page_paths(homes))


def bump_shell_version(locale_ids=None) -> None:
    """Drop the cached menu and footer of every page in these languages (every language when None)."""
    _bump_homes("shell_version", locale_ids)


def bump_home_sections(locale_ids=None) -> None:
    """Drop the cached sections of the home pages in these languages (every language when None)."""
    _bump_homes("sections_version", locale_ids)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    # Site settings are one per site, not per language: the English site shows this one.
    address_en = models.CharField(_("address in English"), max_length=255, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    zalo_url = models.URLField(_("Zalo"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address"), FieldPanel("address_en")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("youtube_url"), FieldPanel("zalo_url")],
            heading=_("Social"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")


class Region(models.TextChoices):
    COASTAL = "coastal", _("Coastal")
    DELTA = "delta", _("Delta")
    MIDLAND = "midland", _("Midland")
    MOUNTAIN = "mountain", _("Mountain")


class Area(TranslatableMixin, models.Model):
    """A former district, town or city: how people still name where things come from.

    Districts were abolished on 1 July 2025; addresses use wards (`portal.places`), but
    products and sights keep their old names ("chiếu cói Nga Sơn").
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    latitude = models.FloatField(_("centroid latitude"))
    longitude = models.FloatField(_("centroid longitude"))

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("region"),
        MultiFieldPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Centroid")),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name

    def clean(self):
        validate_coordinates(self.latitude, self.longitude)


# The policy pages and the operator setting live in their own module; imported here so that
# Django finds their models in the portal app.
from .policies.models import ExchangeOperator, PolicyPage, PolicyVersion  # noqa: E402, F401
