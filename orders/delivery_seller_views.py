"""The seller workspace's delivery screens: a business's options, each with its areas (own
delivery) or fee table (carrier), and its free-delivery threshold. Only its own (404 otherwise)."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from seller.access import own_or_404, seller_required

from .delivery_forms import TABLE_FORMSETS, DeliveryProfileForm, option_form_class
from .delivery_models import DeliveryKind, DeliveryOption, DeliveryProfile


def _options_of(producer):
    return DeliveryOption.objects.filter(producer=producer)


@seller_required
@require_http_methods(["GET", "POST"])
def delivery_list(request):
    profile = DeliveryProfile.objects.filter(producer=request.producer).first() or DeliveryProfile(
        producer=request.producer
    )
    form = DeliveryProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("seller:seller_delivery")
    options = _options_of(request.producer).prefetch_related("areas", "rates")
    context = {"tab": "delivery", "form": form, "options": options, "kinds": DeliveryKind.choices}
    return render(request, "orders/seller/delivery_list.html", context, status=400 if form.errors else 200)


@seller_required
@require_http_methods(["GET", "POST"])
def delivery_option_new(request, kind):
    if kind not in DeliveryKind.values:
        raise Http404("kind")
    return _option_page(request, DeliveryOption(producer=request.producer, kind=kind))


@seller_required
@require_http_methods(["GET", "POST"])
def delivery_option_edit(request, pk):
    option = own_or_404(request, _options_of(request.producer), "delivery option", pk=pk)
    if request.method == "POST" and request.POST.get("action") == "delete":
        option.delete()
        messages.success(request, _("The delivery option was removed."))
        return redirect("seller:seller_delivery")
    return _option_page(request, option)


def _option_page(request, option):
    data = request.POST if request.method == "POST" else None
    form = option_form_class(option.kind)(data, instance=option, prefix="option")
    formset_class = TABLE_FORMSETS.get(option.kind)
    formset = formset_class(data, instance=option, prefix="rows") if formset_class else None
    if data is not None and form.is_valid() and (formset is None or formset.is_valid()):
        with transaction.atomic():
            option = form.save()
            if formset is not None:
                formset.instance = option
                formset.save()
        messages.success(request, _("Saved."))
        return redirect("seller:seller_delivery_option", pk=option.pk)
    context = {"tab": "delivery", "option": option, "form": form, "formset": formset}
    status = 400 if data is not None else 200
    return render(request, "orders/seller/delivery_option.html", context, status=status)
