from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from catalogue.gtin import normalize_gtin
from catalogue.limits import MAX_PRICE_DONG, MAX_STOCK

from .pages import ProductPage


class ProductVariantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_stock(self):
        return self.filter(is_active=True, stock__gt=0)

    def of_live_products(self):
        """Variants of products a shopper can see: the product and its producer published
        (a draft never approved is not live) and outside any private section."""
        return self.filter(product__in=ProductPage.objects.live().public(), product__producer__live=True)

    def on_sale(self):
        """What the cart and checkout accept."""
        return self.active().of_live_products()

    def for_producer(self, producer):
        return self.filter(product__producer__translation_key=producer.translation_key)


class ProductVariant(Orderable):
    """What is actually sold: a pack size with its own SKU, GTIN, price and stock.

    Variants hang on the product page in the default language only; translations read
    them from there (`ProductPage.source_product`), so stock and prices are never copied.
    """

    product = ParentalKey("catalogue.ProductPage", on_delete=models.CASCADE, related_name="variants")
    name = models.CharField(_("name"), max_length=120, help_text=_("e.g. 500 g jar"))
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    sku = models.CharField(
        _("SKU"),
        max_length=64,
        unique=True,
        error_messages={"unique": _("Another variant already uses this SKU. Each SKU must be unique.")},
    )
    gtin = models.CharField(
        _("GTIN"),
        max_length=14,
        unique=True,
        null=True,
        blank=True,
        error_messages={"unique": _("Another variant already uses this GTIN.")},
        help_text=_("GTIN-8, 12, 13 or 14 from the barcode; stored as 14 digits."),
    )
    price = models.PositiveBigIntegerField(
        _("price (đồng)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PRICE_DONG)]
    )
    compare_at_price = models.PositiveBigIntegerField(
        _("compare-at price (đồng)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PRICE_DONG)],
        help_text=_("The usual price, shown struck through when higher than the price."),
    )
    stock = models.PositiveIntegerField(_("stock"), default=0, validators=[MaxValueValidator(MAX_STOCK)])
    weight_grams = models.PositiveIntegerField(
        _("weight (g)"), null=True, blank=True, validators=[MaxValueValidator(1_000_000)]
    )
    is_active = models.BooleanField(_("on sale"), default=True)

    objects = ProductVariantQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("sku"), FieldPanel("gtin")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("compare_at_price")]),
        FieldRowPanel([FieldPanel("stock"), FieldPanel("weight_grams"), FieldPanel("is_active")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.CheckConstraint(condition=models.Q(price__gt=0), name="variant_price_positive"),
        ]

    def __str__(self):
        return f"{self.product.title} — {self.name}" if self.product_id else self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.gtin:
            try:
                self.gtin = normalize_gtin(self.gtin)
            except ValidationError as error:
                errors["gtin"] = error.messages
        if self.compare_at_price and self.price and self.compare_at_price < self.price:
            errors["compare_at_price"] = [_("The compare-at price must not be lower than the price.")]
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.gtin:
            self.gtin = normalize_gtin(self.gtin)
        else:
            self.gtin = None
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        from django.utils import translation

        if translation.get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def is_available(self) -> bool:
        return self.is_active and self.stock > 0

    @property
    def producer(self):
        return self.product.producer
