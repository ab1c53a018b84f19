"""The catalogue's screens in the seller workspace: the business's products, in one form each."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from seller.access import refuse_other_business, seller_required

from . import seller_services as services
from .seller_forms import CertificateFormSet, PackFormSet, ProductForm, StockForm, kept_rows


@seller_required
def product_list(request):
    products = list(services.products_of(request.producer).prefetch_related("variants"))
    found = services.statuses(products)
    rows = [
        {
            "product": p,
            "status": found[p.pk],
            "english": services.EN_LABELS[services.english_state(p)],
            "photo": p.get_og_image(),
            "packs": [(v, StockForm(initial={"stock": v.stock}, prefix=f"v{v.pk}")) for v in p.variants.all()],
        }
        for p in products
    ]
    return render(request, "catalogue/seller/product_list.html", {"tab": "products", "rows": rows})


@seller_required
@require_POST
def pack_stock(request, variant_id: int):
    form = StockForm(request.POST, prefix=f"v{variant_id}")
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["stock"]))
        return redirect("seller:seller_products")
    variant = services.set_stock(request.producer, variant_id, form.cleaned_data["stock"])
    if variant is None:
        raise refuse_other_business(request, f"pack {variant_id}")
    messages.success(request, _("%(pack)s: %(n)s in stock.") % {"pack": variant.name, "n": form.cleaned_data["stock"]})
    return redirect("seller:seller_products")


def _initial(producer, page):
    """The form's values from the product's newest version."""
    page = services.editable_product(producer, page)
    initial = {
        "title": page.title,
        "summary": page.summary,
        "body": services.rich_text_to_text(page.body),
        "category": page.category_id,
        "shelf_life_days": page.shelf_life_days,
        "storage": page.storage,
        **services.english_text(page),
    }
    packs = [
        {"id": v.pk, "name": v.name, "name_en": v.name_en, "price": v.price, "stock": v.stock, "gtin": v.gtin or ""}
        for v in page.variants.all()
    ]
    certificates = [
        {"id": c.pk, "kind": c.kind, "number": c.number, "issuer": c.issuer, "valid_until": c.valid_until}
        for c in page.certificates.all()
    ]
    return page, initial, packs, certificates


@seller_required
def product_form(request, pk: int | None = None):
    producer = request.producer
    page = None
    initial, packs, certificates = {}, [], []
    if pk is not None:
        page = services.product_of(producer, pk)
        if page is None:
            raise refuse_other_business(request, f"product {pk}")
        latest, initial, packs, certificates = _initial(producer, page)
    locale = Locale.objects.filter(pk=producer.locale_id).first()
    post, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = ProductForm(post, files, initial=initial, locale=locale)
    pack_forms = PackFormSet(post, initial=packs, prefix="packs")
    pack_forms.known_ids = {row["id"] for row in packs}
    certificate_forms = CertificateFormSet(post, files, initial=certificates, prefix="certificates")
    if request.method == "POST" and form.is_valid() and pack_forms.is_valid() and certificate_forms.is_valid():
        try:
            page = services.save_product(
                producer,
                request.user,
                form.cleaned_data,
                kept_rows(pack_forms, {row["id"] for row in packs}),
                kept_rows(certificate_forms, {row["id"] for row in certificates}),
                page=page,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("“%(name)s” is saved and sent to the province team for approval. Stock and prices apply now.")
                % {"name": page.title},
            )
            return redirect("seller:seller_products")
    status = services.statuses([page])[page.pk] if page is not None else None
    context = {
        "tab": "products",
        "form": form,
        "pack_forms": pack_forms,
        "certificate_forms": certificate_forms,
        "product": page,
        "status": status,
        "english": services.EN_LABELS[services.english_state(page)] if page is not None else None,
    }
    invalid = request.method == "POST"
    return render(request, "catalogue/seller/product_form.html", context, status=400 if invalid else 200)
