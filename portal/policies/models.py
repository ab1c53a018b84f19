"""The exchange's policy pages (operating rules, terms, privacy…), their versions, and the
exchange operator's details shown in every footer.

A policy page is ordinary Wagtail content in each language. A *version* is the text people
accept: it is recorded when an editor publishes a material change (the "new version" box, or
the first publish), keeps the published revision, and takes effect at its `effective_from`,
which may lie in the future. Typo fixes publish without a new version.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal.models import BasePage


class PolicyKind(models.TextChoices):
    OPERATING_RULES = "operating_rules", _("Operating rules")
    TERMS_OF_SALE = "terms_of_sale", _("Terms of sale")
    DELIVERY_PAYMENT = "delivery_payment", _("Delivery and payment")
    RETURNS = "returns", _("Returns and refunds")
    COMPLAINTS = "complaints", _("Complaints and disputes")
    PRIVACY = "privacy", _("Privacy policy")


class PolicyPageForm(WagtailAdminPageForm):
    """The "new version" box and its date start empty on every edit: they describe this
    publish, not the page (the latest revision would otherwise bring them back ticked)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["new_version"] = False
            self.initial["new_version_effective_from"] = None


class PolicyPage(RoutablePageMixin, BasePage):
    kind = models.CharField(_("kind"), max_length=30, choices=PolicyKind.choices)
    summary = models.TextField(_("summary"), blank=True, help_text=_("A few sentences shown above the text."))
    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"])
    # About this publish only (PolicyPageForm empties them on each edit).
    new_version = models.BooleanField(
        _("new version"),
        default=False,
        help_text=_(
            "Tick for a change in substance: people will be asked to accept the new version. "
            "Leave it empty for a typo fix. The first publish always makes version 1."
        ),
    )
    new_version_effective_from = models.DateTimeField(
        _("new version in force from"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: from the moment of publishing. A future date keeps the current version in force until then."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("new_version"), FieldPanel("new_version_effective_from")],
            heading=_("Version"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("kind", overridable=False),
        SynchronizedField("new_version", overridable=False),
        SynchronizedField("new_version_effective_from", overridable=False),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list = []
    template = "portal/policy_page.html"
    base_form_class = PolicyPageForm

    class Meta:
        verbose_name = _("policy page")
        verbose_name_plural = _("policy pages")

    def clean(self):
        super().clean()
        # One page per kind and language (locale lives on Page's table: no database constraint).
        others = PolicyPage.objects.filter(kind=self.kind, locale_id=self.locale_id).exclude(pk=self.pk)
        if self.kind and self.locale_id and others.exists():
            raise ValidationError({"kind": _("This language already has a page of this kind.")})

    def serve(self, request, *args, **kwargs):
        # RoutablePageMixin.serve calls each route's view and never reaches BasePage.serve.
        self.note_served(request)
        return super().serve(request, *args, **kwargs)

    def version_in_force(self, at=None) -> "PolicyVersion | None":
        return self.versions.in_force(at).first()

    @path("")
    def current(self, request):
        return self.render(
            request,
            context_overrides={
                "version": self.version_in_force(),
                "upcoming": self.versions.filter(effective_from__gt=timezone.now()).order_by("number").last(),
                "earlier_versions": list(self.versions.order_by("-number")),
            },
        )

    @path("versions/<int:number>/", name="version")
    def version(self, request, number):
        version = self.versions.filter(number=number).select_related("revision").first()
        if version is None:
            raise Http404
        return self.render(
            request,
            template="portal/policy_version.html",
            context_overrides={"version": version, "text": version.text(), "in_force": self.version_in_force()},
        )


class PolicyVersionQuerySet(models.QuerySet):
    def in_force(self, at=None):
        """Versions whose date has come, the newest first: the first one is in force at `at`."""
        return self.filter(effective_from__lte=at or timezone.now()).order_by("-effective_from", "-number")


class PolicyVersion(models.Model):
    """What people accepted: one page's text as published, numbered per page, in force from a date."""

    page = models.ForeignKey(
        PolicyPage, verbose_name=_("policy page"), on_delete=models.PROTECT, related_name="versions"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PolicyKind.choices, db_index=True)
    number = models.PositiveIntegerField(_("number"))
    effective_from = models.DateTimeField(_("in force from"))
    title = models.CharField(_("title"), max_length=255)
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name=_("revision"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = PolicyVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["page", "number"]
        constraints = [models.UniqueConstraint(fields=["page", "number"], name="portal_policy_version_number")]

    def __str__(self):
        return f"{self.title} v{self.number}"

    @property
    def language_code(self) -> str:
        return self.page.locale.language_code

    def text(self) -> "PolicyPage":
        """The page as it was when this version was published."""
        return self.revision.as_object()

    def get_url(self) -> str:
        return self.page.url + self.page.reverse_subpage("version", args=[self.number])


def record_version_on_publish(page: PolicyPage, revision) -> PolicyVersion | None:
    """A new version when the editor marked the change as material, or the page has none yet."""
    latest = page.versions.order_by("-number").first()
    if latest is not None and not page.new_version:
        return None
    if latest is not None and latest.revision_id == revision.pk:
        return None  # the same revision published again
    return PolicyVersion.objects.create(
        page=page,
        kind=page.kind,
        number=(latest.number + 1) if latest else 1,
        effective_from=page.new_version_effective_from or timezone.now(),
        title=page.title,
        revision=revision,
    )


def _policy_page(kind: str, language: str | None) -> PolicyPage | None:
    from portal.i18n import locale_for

    language = language or translation.get_language() or settings.LANGUAGE_CODE
    pages = PolicyPage.objects.live().filter(kind=kind)
    for code in dict.fromkeys([language, settings.LANGUAGE_CODE]):
        locale = locale_for(code)
        page = pages.filter(locale=locale).first() if locale else None
        if page is not None:
            return page
    return None


def version_in_force(kind: str, at=None, language: str | None = None) -> PolicyVersion | None:
    """The version of this kind of policy in force at `at` (now when None), in `language`
    (the active one when None; the default language's when that one has no page)."""
    page = _policy_page(kind, language)
    return page.version_in_force(at) if page is not None else None


def policy_url(kind: str, language: str | None = None) -> str:
    """The policy page of this kind in `language` (or the default language's), "" when none."""
    page = _policy_page(kind, language)
    return page.url if page is not None else ""


def policy_links(language: str | None = None) -> list[tuple[str, str]]:
    """(title, url) of every live policy page in `language`, or in the default language where
    that one has none, in PolicyKind order (the footer; one query)."""
    from portal.i18n import locale_for

    language = language or translation.get_language() or settings.LANGUAGE_CODE
    locales = [locale for locale in (locale_for(settings.LANGUAGE_CODE), locale_for(language)) if locale]
    found: dict[str, PolicyPage] = {}
    pages = PolicyPage.objects.live().filter(locale__in=locales)
    for page in pages:
        if page.kind not in found or page.locale_id == locales[-1].pk:  # the active language wins
            found[page.kind] = page
    return [(found[kind].title, found[kind].url) for kind in PolicyKind.values if kind in found]


MINISTRY_HOST = "online.gov.vn"


def validate_ministry_url(value: str) -> None:
    host = (urlsplit(value).hostname or "").lower()
    if host != MINISTRY_HOST and not host.endswith("." + MINISTRY_HOST):
        raise ValidationError(_("The ministry's registration link is on online.gov.vn."), code="not_ministry")


@register_setting(icon="doc-full")
class ExchangeOperator(BaseSiteSetting):
    """Who runs the exchange, as the e-commerce rules ask every page to say."""

    legal_name = models.CharField(_("legal name"), max_length=255, blank=True)
    legal_name_en = models.CharField(_("legal name in English"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    address_en = models.CharField(_("address in English"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    registration_number = models.CharField(
        _("registration number"),
        max_length=60,
        blank=True,
        help_text=_("Business registration or establishment decision number."),
    )
    registration_issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    registration_issuer_en = models.CharField(_("issued by (English)"), max_length=255, blank=True)
    registration_date = models.DateField(_("issued on"), null=True, blank=True)
    ministry_registration_url = models.URLField(
        _("ministry registration link"),
        blank=True,
        validators=[validate_ministry_url],
        help_text=_(
            "The link to this site's record at online.gov.vn, once the Ministry of Industry and Trade has "
            "accepted the registration. The badge is shown in the footer only when this is set."
        ),
    )
    is_demo = models.BooleanField(
        _("demo details"),
        default=False,
        help_text=_(
            "Ticked by the demo loader: these details are examples. Replace them with the operator's own and "
            "untick this before registering the site."
        ),
    )

    panels = [
        HelpPanel(
            content=_(
                "Shown in the footer of every page. The demo loader fills these with example details of the "
                "province's trade promotion centre: check them before going live."
            )
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldPanel("legal_name_en"),
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Operator"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_number"),
                FieldPanel("registration_issuer"),
                FieldPanel("registration_issuer_en"),
                FieldPanel("registration_date"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("ministry_registration_url"),
        FieldPanel("is_demo"),
    ]

    class Meta:
        verbose_name = _("exchange operator")

    def name_in(self, language: str) -> str:
        return (self.legal_name_en if language == "en" and self.legal_name_en else "") or self.legal_name

    def address_in(self, language: str) -> str:
        return (self.address_en if language == "en" and self.address_en else "") or self.address

    def issuer_in(self, language: str) -> str:
        return (self.registration_issuer_en if language == "en" and self.registration_issuer_en else "") or (
            self.registration_issuer
        )
