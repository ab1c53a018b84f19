from functools import cache, partial
from urllib.parse import urlencode

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Locale, Orderable
from wagtail.search import index
from wagtail_localize.fields import BaseTranslatableField, SynchronizedField

from portal.i18n import default_locale, in_active_language
from portal.models import Area, BasePage
from portal.money import DongField
from portal.places import Located, Place, validate_coordinates, validate_ward, ward_name, ward_select_choices

from .identity import LicenceKind

GALLERY_BLOCKS = [("image", ImageBlock(label=_("Image")))]


class BusinessType(models.TextChoices):
    COOPERATIVE = "cooperative", _("Cooperative")
    COMPANY = "company", _("Company")
    HOUSEHOLD = "household", _("Household business")
    OCOP = "ocop", _("OCOP entity")


class CertificateKind(models.TextChoices):
    OCOP = "ocop", _("OCOP")
    VIETGAP = "vietgap", _("VietGAP")
    GLOBALGAP = "globalgap", _("GlobalG.A.P.")
    ORGANIC = "organic", _("Organic")
    HACCP = "haccp", _("HACCP")
    ISO22000 = "iso22000", _("ISO 22000")
    FOOD_SAFETY = "food_safety", _("Food safety certificate")
    GEO_INDICATION = "geo_indication", _("Geographical indication")
    OTHER = "other", _("Other")


class SourceLocaleInlinePanel(InlinePanel):
    """An inline shown only on the default-language page (variants live there only)."""

    class BoundPanel(InlinePanel.BoundPanel):
        def is_shown(self):
            return self.instance.locale_id in (None, Locale.get_default().pk) and super().is_shown()


class VariantInlinePanel(SourceLocaleInlinePanel):
    """The variants inline, with the admin form that explains bad prices, stock, SKUs and GTINs."""

    def get_form_options(self):
        from wagtail.admin.panels.base import get_form_for_model

        from catalogue.admin_forms import ProductVariantAdminForm

        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        defer = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
        extra = {"defer_required_on_fields": defer} if defer else {}
        formset["form"] = get_form_for_model(
            self.db_field.related_model, form_class=ProductVariantAdminForm, fields=formset["fields"], **extra
        )
        return options


class CertificateBase(Orderable):
    kind = models.CharField(_("kind"), max_length=30, choices=CertificateKind.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    number = models.CharField(_("number"), max_length=100, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("number"), FieldPanel("issuer")]),
        FieldRowPanel([FieldPanel("issued_on"), FieldPanel("valid_until")]),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.name or self.get_kind_display()

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.issued_on and self.valid_until and self.valid_until < self.issued_on:
            raise ValidationError({"valid_until": _("A certificate cannot expire before it is issued.")})


class ProducersIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["catalogue.ProducerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("producers index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["producers"] = (
            ProducerPage.objects.live()
            .public()
            .child_of(self)
            .select_related("logo", "area")
            .prefetch_related("logo__renditions")
            .order_by("title")
        )
        return context


class ProducerPage(Place, BasePage):
    """A business: its profile page is the root of the subtree it may edit."""

    business_type = models.CharField(_("business type"), max_length=20, choices=BusinessType.choices)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    about = RichTextField(_("about"), blank=True)
    # area, address, latitude and longitude: portal.places.Place
    ward_code = models.PositiveIntegerField(_("ward or commune"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gallery = StreamField(GALLERY_BLOCKS, blank=True, verbose_name=_("gallery"))
    is_verified = models.BooleanField(
        _("verified"), default=False, help_text=_("Checked by the province: papers and premises.")
    )
    # Tourists may come to see the work (shown with "where it was made" on its products' pages).
    accepts_visitors = models.BooleanField(_("welcomes visitors"), default=False)
    visiting_hours = models.CharField(
        _("visiting hours"), max_length=255, blank=True, help_text=_("E.g. Mon–Sat 8:00–11:00; call ahead for groups.")
    )
    # Part of the cached Seller block's key: bumped when its legal identity changes (catalogue.identity).
    identity_version = models.PositiveIntegerField(default=0, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("business_type"),
        FieldPanel("summary"),
        FieldPanel("about"),
        FieldPanel("logo"),
        FieldPanel("gallery"),
        InlinePanel("certificates", label=_("Certificates")),
    ]
    contact_panels = [
        MultiFieldPanel(
            [
                FieldPanel("area"),
                FieldPanel("ward_code", widget=forms.Select(choices=ward_select_choices)),
                FieldPanel("address"),
            ],
            heading=_("Address"),
        ),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")], heading=_("Contact")),
        MultiFieldPanel([FieldPanel("accepts_visitors"), FieldPanel("visiting_hours")], heading=_("Visitors")),
    ]
    moderation_panels = [FieldPanel("is_verified", permission="catalogue.verify_producer")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Profile")),
            ObjectList(contact_panels, heading=_("Address and contact")),
            ObjectList(moderation_panels, heading=_("Verification")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
        ]
    )
    override_translatable_fields = [
        SynchronizedField("ward_code"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("phone"),
        SynchronizedField("address"),
        SynchronizedField("is_verified"),
        SynchronizedField("accepts_visitors", overridable=False),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("about"),
        index.FilterField("business_type"),
        index.FilterField("is_verified"),
    ]

    parent_page_types = ["catalogue.ProducersIndexPage"]
    subpage_types = ["catalogue.ProductPage"]

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        permissions = [("verify_producer", _("Can mark a producer as verified"))]
        indexes = [models.Index(fields=["latitude", "longitude"], name="producer_point_idx")]  # "nearby"

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        errors = {}
        try:
            validate_coordinates(self.latitude, self.longitude)
        except ValidationError as error:
            errors["latitude"] = error.messages
        try:
            validate_ward(self.ward_code)
        except ValidationError as error:
            errors["ward_code"] = error.messages
        if errors:
            raise ValidationError(errors)

    @property
    def ward_name(self) -> str:
        return ward_name(self.ward_code)

    def get_og_image(self):
        return self.logo

    def get_json_ld(self, request):
        data = {
            "@context": "https://schema.org",
            "@type": "LocalBusiness",
            "name": self.title,
            "url": self.get_full_url(request),
            "description": self.summary or self.search_description,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.address,
                "addressLocality": self.ward_name,
                "addressRegion": self.area.name if self.area else "",
                "addressCountry": "VN",
            },
        }
        if self.phone:
            data["telephone"] = self.phone
        if self.email:
            data["email"] = self.email
        if self.website:
            data["sameAs"] = [self.website]
        if self.latitude is not None:
            data["geo"] = {"@type": "GeoCoordinates", "latitude": self.latitude, "longitude": self.longitude}
        return data

    def get_context(self, request, *args, **kwargs):
        from catalogue.listing import attach_card_images

        context = super().get_context(request, *args, **kwargs)
        products = ProductPage.objects.live().public().child_of(self).select_related("origin_area").order_by("title")
        products = attach_card_images(products)
        for product in products:  # the cards name their producer: this page
            product.producer = self
        context["products"] = products
        context["certificates"] = list(self.certificates.select_related("document"))
        return context


class ProducerCertificate(CertificateBase):
    page = ParentalKey(ProducerPage, on_delete=models.CASCADE, related_name="certificates")


class CategoriesIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["catalogue.CategoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("categories index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = CategoryPage.objects.live().public().child_of(self).select_related("image")
        return context


class CategoryPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Conditional goods (alcohol…): a product of this category goes live only if its producer
    # holds a verified, unexpired licence of this kind (catalogue.licensing).
    requires_licence = models.BooleanField(_("sellers need a licence"), default=False)
    required_licence = models.CharField(_("licence needed"), max_length=30, choices=LicenceKind.choices, blank=True)

    # Part of the cached listing's key: bumped (catalogue.versions) when a product it lists
    # changes stock or price, is published, unpublished, moved or deleted, or its producer is renamed.
    listing_version = models.PositiveIntegerField(default=0, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("requires_licence"), FieldPanel("required_licence")], heading=_("Licence")),
    ]
    override_translatable_fields = [SynchronizedField("requires_licence"), SynchronizedField("required_licence")]
    parent_page_types = ["catalogue.CategoriesIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def get_og_image(self):
        return self.image

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.requires_licence and not self.required_licence:
            raise ValidationError({"required_licence": _("Choose the licence that sellers of this category need.")})

    products_per_page = 24

    def products(self):
        """Live products of this category (any of its languages' pages) in this page's
        language: one range of the products' listing index (ProductPage.listing_*)."""
        return ProductPage.objects.public().filter(
            listing_category_key=self.translation_key, listing_locale_id=self.locale_id, listing_live=True
        )

    def get_context(self, request, *args, **kwargs):
        from django.contrib import messages
        from django.utils.translation import gettext

        context = super().get_context(request, *args, **kwargs)
        form = ProductFilterForm(request.GET, locale_id=self.locale_id)
        form.valid_filters()
        if form.ignored:
            messages.warning(
                request,
                gettext("Some filters were not understood and were ignored: %(fields)s.")
                % {"fields": ", ".join(form.ignored)},
            )
        context["filter_form"] = form
        context["listing"] = CategoryListing(self, form, request.GET.get("page", ""))
        return context


class CategoryListing:
    """One page of a category's products for the filters asked. Its queries run when the
    template reads `page`: only when the cached listing (category_page.html) is missing."""

    def __init__(self, category: CategoryPage, form, page_number: str):
        self.category, self.form, self.page_number = category, form, page_number

    @cached_property
    def filter_query(self) -> str:
        """The filters asked (known ones only), for the pagination links."""
        return urlencode(self.form.data)

    @cached_property
    def key(self) -> str:
        """What the listing's fragment varies on besides the category."""
        return f"{self.filter_query}|{self.page_number}"

    @cached_property
    def page(self):
        from django.core.paginator import Paginator

        from catalogue.listing import CARD_FIELDS, attach_card_images

        # In the listing index's order (title, pk): the database reads the page's rows and stops.
        products = self.form.filter(self.category.products()).order_by("listing_title", "pk")
        products = products.select_related("producer").only(*CARD_FIELDS, "producer__title")
        page = Paginator(products, self.category.products_per_page).get_page(self.page_number)
        page.object_list = attach_card_images(page.object_list)
        return page


STAR_CHOICES = [("", _("Any")), ("3", _("3 stars or more")), ("4", _("4 stars or more")), ("5", _("5 stars"))]


def area_choices(locale_id) -> list[tuple[str, str]]:
    """(slug, name) of the areas in one language, by name, after "Any"."""
    areas = Area.objects.all() if locale_id is None else Area.objects.filter(locale_id=locale_id)
    return [("", _("Any")), *areas.order_by("name").values_list("slug", "name")]


class ProductFilterForm(forms.Form):
    """Filters of a category page. Invalid values are dropped (and reported), never fatal."""

    area = forms.ChoiceField(label=_("Area"), required=False)
    stars = forms.ChoiceField(label=_("OCOP stars"), choices=STAR_CHOICES, required=False)
    certificate = forms.ChoiceField(
        label=_("Certificate"), choices=[("", _("Any"))] + list(CertificateKind.choices), required=False
    )
    # Typed as the language writes prices: "50.000" in Vietnamese is 50000 đồng.
    price_min = DongField(label=_("Price from (đồng)"), required=False)
    price_max = DongField(label=_("Price up to (đồng)"), required=False)

    def __init__(self, data=None, *, locale_id=None):
        # Only the filter keys: "page" and unknown parameters are not our business.
        data = {key: data.get(key) for key in self.base_fields if data and data.get(key) not in (None, "")}
        super().__init__(data)
        # A callable: the areas are read when the field is rendered (inside the category's
        # cached listing) or an area is asked for, not for every form; and read once.
        self.fields["area"].choices = cache(partial(area_choices, locale_id))

    def valid_filters(self) -> dict:
        """The values that passed validation; bad ones are left out (see `ignored`)."""
        self.is_valid()
        values = {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
        low, high = values.get("price_min"), values.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("The upper price is below the lower price."))
            values.pop("price_max")
        return values

    @property
    def choice_fields(self) -> list:
        """The bound select fields, in the order the filter form shows them."""
        return [self["area"], self["stars"], self["certificate"]]

    @property
    def ignored(self) -> list[str]:
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    def filter(self, products):
        values = self.valid_filters()
        if "area" in values:
            products = products.filter(origin_area__slug=values["area"])
        if "stars" in values:
            products = products.filter(ocop_stars__gte=int(values["stars"]))
        if "certificate" in values:
            products = products.filter(
                models.Exists(ProductCertificate.objects.filter(page=models.OuterRef("pk"), kind=values["certificate"]))
            )
        if "price_min" in values:
            products = products.filter(price_min__gte=values["price_min"])
        if "price_max" in values:
            products = products.filter(price_min__lte=values["price_max"])
        return products

    @property
    def is_filtered(self) -> bool:
        return bool(self.valid_filters())


# What a product's listing columns are copied from, and those columns (catalogue.listing).
LISTING_SOURCES = {"title", "live", "locale", "category"}
LISTING_COLUMNS = ("listing_category_key", "listing_locale_id", "listing_live", "listing_title")


class ProductTag(TaggedItemBase):
    content_object = ParentalKey("catalogue.ProductPage", on_delete=models.CASCADE, related_name="tagged_items")


class ProductPage(Located, BasePage):
    summary = models.CharField(_("summary"), max_length=300)
    body = RichTextField(_("description"), blank=True)
    gallery = StreamField(GALLERY_BLOCKS, blank=True, verbose_name=_("gallery"))
    category = models.ForeignKey(
        "catalogue.CategoryPage",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set from the parent on save: listings and orders need the producer without a tree walk.
    producer = models.ForeignKey(
        "catalogue.ProducerPage", null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    origin_area = models.ForeignKey(
        "portal.Area",
        verbose_name=_("origin area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ocop_stars = models.PositiveSmallIntegerField(
        _("OCOP stars"),
        null=True,
        blank=True,
        choices=[(3, "3★"), (4, "4★"), (5, "5★")],
        validators=[MinValueValidator(3), MaxValueValidator(5)],
    )
    ocop_year = models.PositiveSmallIntegerField(
        _("OCOP year rated"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2018), MaxValueValidator(2100)],
    )
    shelf_life_days = models.PositiveIntegerField(_("shelf life (days)"), null=True, blank=True)
    storage = models.CharField(_("storage"), max_length=300, blank=True)
    ingredients = models.TextField(_("ingredients"), blank=True)
    # latitude and longitude (where it is made, if not at the producer's): portal.places.Located
    tags = ClusterTaggableManager(through=ProductTag, blank=True, verbose_name=_("tags"))
    # Kept in step with the variants (`catalogue.services.refresh_product_summary`) so that
    # listings filter and sort by price and availability without a join per product.
    price_min = models.PositiveBigIntegerField(null=True, editable=False)
    in_stock = models.BooleanField(default=False, editable=False)
    # Part of the cached detail's and card's keys, with the page's cache_key: bumped
    # (catalogue.versions) when what the page shows beyond its own content changes: stock,
    # prices, its latest lots, its producer's or category's title.
    stock_version = models.PositiveIntegerField(default=0, editable=False)
    # Where "nearby" finds the product: its own coordinates, else its producer's; kept in
    # step by catalogue.points, indexed for the bounding box.
    point_latitude = models.FloatField(null=True, editable=False)
    point_longitude = models.FloatField(null=True, editable=False)
    # A category's listing in the product's own row (copied from the page and its category on
    # every save): one page of a category's products, and their count, read one range of one
    # index, in title order, however many products the catalogue holds.
    listing_category_key = models.UUIDField(null=True, editable=False)
    listing_locale_id = models.PositiveIntegerField(null=True, editable=False)
    listing_live = models.BooleanField(default=False, editable=False)
    listing_title = models.CharField(max_length=255, blank=True, editable=False)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("category"),
        FieldPanel("body"),
        FieldPanel("gallery"),
        FieldPanel("tags"),
    ]
    variant_panels = [
        HelpPanel(_("Variants, prices and stock are shared by all languages and edited on the Vietnamese page.")),
        VariantInlinePanel("variants", label=_("Variants"), min_num=1),
    ]
    detail_panels = [
        FieldRowPanel([FieldPanel("ocop_stars"), FieldPanel("ocop_year")], heading=_("OCOP")),
        FieldPanel("origin_area"),
        FieldRowPanel(
            [
                FieldPanel("latitude", help_text=_("Where it is made, if not the producer's address.")),
                FieldPanel("longitude"),
            ],
            heading=_("Coordinates"),
        ),
        FieldPanel("ingredients"),
        FieldRowPanel([FieldPanel("shelf_life_days"), FieldPanel("storage")]),
        InlinePanel("certificates", label=_("Certificates")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Product")),
            ObjectList(variant_panels, heading=_("Variants and stock")),
            ObjectList(detail_panels, heading=_("Details and certificates")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
        ]
    )
    override_translatable_fields = [
        SynchronizedField("ocop_stars"),
        SynchronizedField("ocop_year"),
        SynchronizedField("shelf_life_days"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        # Neither translated nor copied: packs live on the default-language page only (see exclude_fields_in_copy).
        BaseTranslatableField("variants"),
    ]
    # Variants stay on the source page: copying them would duplicate SKUs and split stock.
    exclude_fields_in_copy = ["variants"]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("ingredients"),
        index.FilterField("ocop_stars"),
        index.FilterField("in_stock"),
        index.FilterField("price_min"),
    ]
    api_fields = []

    parent_page_types = ["catalogue.ProducerPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            models.Index(fields=["point_latitude", "point_longitude"], name="product_point_idx"),
            models.Index(
                fields=["listing_category_key", "listing_locale_id", "listing_live", "listing_title", "page_ptr"],
                name="product_listing_idx",
            ),
            # The home page's featured products: live and in stock in one language, most OCOP
            # stars first, newest first (the language first: a language with few products would
            # otherwise walk the others'). Unstarred products count as 0 stars rather than
            # NULLS LAST, which SQLite's CREATE INDEX refuses (make run's database).
            models.Index(
                models.F("listing_locale_id"),
                Coalesce(models.F("ocop_stars"), 0).desc(),
                models.F("page_ptr").desc(),
                name="product_featured_idx",
                condition=models.Q(in_stock=True, listing_live=True),
            ),
        ]

    def save(self, *args, **kwargs):
        parent = self.get_parent() if self.pk or self.path else None
        if parent is not None:
            self.producer_id = parent.pk
        if self.pk and "category" in (kwargs.get("update_fields") or ["category"]):
            # The listing it may leave (catalogue.signal_handlers drops its cached copy on publish).
            before = ProductPage.objects.filter(pk=self.pk).values_list("category_id", flat=True)
            self.category_id_before = before.first()
        if kwargs.get("update_fields") is not None and LISTING_SOURCES & set(kwargs["update_fields"]):
            # catalogue.listing copies them on pre_save (after Wagtail has set the locale).
            kwargs["update_fields"] = [*{*kwargs["update_fields"], *LISTING_COLUMNS}]
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        """Stock is live data, not content: a revision (a draft, or an edit waiting for a
        moderator) carries the stock of when it was written, and publishing it must not
        bring back units sold since. Existing variants keep their current stock; editors'
        stock changes are applied straight away (`catalogue.stock.apply_admin_stock_edits`).
        """
        page = super().with_content_json(content)
        if self.pk:
            variants = self._meta.get_field("variants").related_model
            current = dict(variants.objects.filter(product_id=self.pk).values_list("pk", "stock"))
            for variant in page.variants.all():
                if variant.pk in current:
                    variant.stock = current[variant.pk]
        return page

    @cached_property
    def source_product(self) -> "ProductPage":
        """The default-language page, which owns the variants."""
        default = default_locale()
        if default is None or self.locale_id == default.pk:
            return self
        return ProductPage.objects.filter(translation_key=self.translation_key, locale=default).first() or self

    SHOWN_RELATIONS = ("producer", "category", "origin_area")

    def load_shown_relations(self) -> None:
        """The producer, category and origin area the page shows (JSON-LD, detail, seller block,
        "where it was made"), read in one query instead of one each on first access."""
        missing = [name for name in self.SHOWN_RELATIONS if not getattr(ProductPage, name).is_cached(self)]
        if not missing or not self.pk:
            return
        row = ProductPage.objects.filter(pk=self.pk).select_related(*missing).only(*missing).first()
        for name in missing:
            self._meta.get_field(name).set_cached_value(self, getattr(row, name) if row else None)

    @cached_property
    def localized_category(self):
        """The category in the visitor's language, kept for the template and the JSON-LD."""
        if not self.category_id:
            return None
        self.load_shown_relations()
        return in_active_language(self.category)

    @cached_property
    def sellable_variants(self) -> list:
        return list(self.source_product.variants.filter(is_active=True).order_by("sort_order", "price"))

    @property
    def is_available(self) -> bool:
        return any(v.stock > 0 for v in self.sellable_variants)

    def get_og_image(self):
        for block in self.gallery:
            return block.value
        return None

    @property
    def in_stock_variants(self) -> list:
        return [v for v in self.sellable_variants if v.stock > 0]

    @cached_property
    def certificate_list(self) -> list:
        return list(self.certificates.select_related("document"))

    def get_listing_pages(self):
        return [self.category] if self.category_id else []  # the category lists its products

    def get_json_ld(self, request):
        self.load_shown_relations()
        url = self.get_full_url(request)
        offers = [
            {
                "@type": "Offer",
                "sku": v.sku,
                **({"gtin14": v.gtin} if v.gtin else {}),
                "name": v.display_name,
                "price": v.price,
                "priceCurrency": "VND",
                "availability": "https://schema.org/InStock" if v.stock > 0 else "https://schema.org/OutOfStock",
                "url": url,
            }
            for v in self.sellable_variants
        ]
        data = {
            "@context": "https://schema.org",
            "@type": "Product",
            "name": self.title,
            "description": self.summary,
            "url": url,
            "offers": offers,
        }
        if self.producer:
            data["brand"] = {"@type": "Brand", "name": self.producer.title}
            data["manufacturer"] = {"@type": "Organization", "name": self.producer.title}
        if self.category:
            data["category"] = self.localized_category.title
        image = self.get_og_image()
        if image:
            data["image"] = request.build_absolute_uri(image.get_rendition("fill-1200x630").url) if request else ""
        # Other apps add what they know of the product (orders: aggregateRating and review).
        for extend in hooks.get_hooks("extend_product_json_ld"):
            extend(self, data, request)
        return data


class ProductCertificate(CertificateBase):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="certificates")
