"""Traceability's screens in the seller workspace: batches, events in a few taps, labels."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from seller.access import own_or_404, seller_required

from . import labels, seller_services
from .seller_forms import BatchForm, EventForm, new_event_key
from .trace_page import trace_context
from .vocabulary import Activity

LABEL_FORMATS = ("a4", *labels.THERMAL_SIZES)


def _own_batch(request, pk):
    return own_or_404(request, seller_services.batches_of(request.producer), "batch", pk=pk)


@seller_required
def batch_list(request):
    batches = seller_services.batches_of(request.producer).order_by("-production_date", "-pk")[:200]
    return render(request, "traceability/seller/batch_list.html", {"tab": "batches", "batches": batches})


@seller_required
@require_http_methods(["GET", "POST"])
def batch_new(request):
    form = BatchForm(request.POST or None, producer=request.producer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        variant = data["pack"]
        product = variant.product
        try:
            batch = seller_services.create_batch(
                request.producer,
                product=product,
                variant=variant,
                lot_number=data["lot_number"],
                production_date=data["production_date"],
                expiry_date=data["expiry_date"] or seller_services.shelf_life_expiry(product, data["production_date"]),
                quantity=data["quantity"],
                unit=data["unit"],
                origin=data["origin"],
                new_place=data["new_place"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Batch %(lot)s recorded.") % {"lot": batch.lot_number})
            return redirect("seller:seller_batch", pk=batch.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "traceability/seller/batch_form.html", {"tab": "batches", "form": form}, status=status)


@seller_required
def batch_detail(request, pk):
    batch = _own_batch(request, pk)
    context = trace_context(batch)
    intact, _broken_event = context["chain"]
    context.update(
        {
            "tab": "batches",
            "intact": intact,
            "templates": [Activity(a) for a in seller_services.EVENT_TEMPLATES],
            "label_formats": [("a4", _("A4 sheet")), *((k, s.name) for k, s in labels.THERMAL_SIZES.items())],
        }
    )
    return render(request, "traceability/seller/batch_detail.html", context)


@seller_required
@require_http_methods(["GET", "POST"])
def event_new(request, pk):
    batch = _own_batch(request, pk)
    activity = request.POST.get("activity") or request.GET.get("activity", "")
    if activity not in {a.value for a in seller_services.EVENT_TEMPLATES}:
        return redirect("seller:seller_batch", pk=batch.pk)
    if request.method == "POST":
        form = EventForm(request.POST, request.FILES, batch=batch, activity=activity)
        if form.is_valid():
            data = form.cleaned_data
            try:
                _event, created = seller_services.record_workspace_event(
                    batch,
                    key=data["key"],
                    activity=activity,
                    user=request.user,
                    event_time=data["event_time"],
                    location=data["location"],
                    description=data["description"],
                    input_product=data.get("input_product", ""),
                    dose=data.get("dose", ""),
                    quantity=data.get("quantity"),
                    photo_upload=data.get("photo"),
                    language=get_language(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if created:
                    messages.success(request, _("Recorded: %(what)s.") % {"what": Activity(activity).label})
                else:
                    messages.info(request, _("This event was already recorded."))
                return redirect("seller:seller_batch", pk=batch.pk)
        status = 400
    else:
        form = EventForm(
            initial={
                "key": new_event_key(),
                "activity": activity,
                "event_time": timezone.localtime().replace(second=0, microsecond=0),
                "location": batch.origin_id,
            },
            batch=batch,
            activity=activity,
        )
        status = 200
    context = {"tab": "batches", "batch": batch, "form": form, "activity": Activity(activity)}
    return render(request, "traceability/seller/event_form.html", context, status=status)


@seller_required
def batch_labels(request, pk, size):
    batch = _own_batch(request, pk)
    if size not in LABEL_FORMATS:
        raise Http404("label size")
    try:
        copies = max(1, min(int(request.GET.get("copies", "1")), labels.MAX_COPIES))
    except ValueError:
        copies = 1
    text = labels.batch_label_text(batch, get_language())
    if size == "a4":
        pdf = labels.a4_sheet_pdf(text)
    else:
        pdf = labels.thermal_labels_pdf(text, labels.THERMAL_SIZES[size], copies)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="labels-{batch.lot_number}-{size}.pdf"'
    return response
