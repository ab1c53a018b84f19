"""A tourism business's screens in the seller workspace: its listing, its seasonal offers.

Each screen works only on the signed-in business's own listing (`listing_required` finds it
from the user's Wagtail permissions); there is no listing id in the address to tamper with.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from catalogue.seller_forms import kept_rows
from seller.access import listing_required

from . import seller_services as services
from .seller_forms import HighlightFormSet, ListingForm, OfferFormSet, PlaceListingForm


def _sent_message(request, listing) -> None:
    messages.success(
        request,
        _("“%(name)s” is saved and sent to the province team for approval. Visitors see the changes once approved.")
        % {"name": listing.title},
    )


@listing_required
def listing_form(request):
    listing = request.listing
    initial, rows = services.listing_initial(listing)
    attraction = services.is_attraction(listing)
    post, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = (ListingForm if attraction else PlaceListingForm)(post, files, initial=initial, attraction=attraction)
    highlight_forms = HighlightFormSet(post, initial=rows, prefix="highlights")
    if request.method == "POST" and form.is_valid() and highlight_forms.is_valid():
        known = {row["id"] for row in rows}
        try:
            services.save_listing(listing, request.user, form.cleaned_data, kept_rows(highlight_forms, known))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _sent_message(request, listing)
            return redirect("seller:seller_listing")
    context = {
        "tab": "listing",
        "form": form,
        "highlight_forms": highlight_forms,
        "listing": listing,
        "editable": services.editable_listing(listing),
        "status": services.listing_status(listing),
        "attraction": attraction,
    }
    return render(request, "tourism/seller/listing_form.html", context, status=400 if post is not None else 200)


@listing_required
def offers_form(request):
    listing = request.listing
    rows = services.offers_initial(listing)
    post = request.POST if request.method == "POST" else None
    offer_forms = OfferFormSet(post, initial=rows, prefix="offers")
    if post is not None and offer_forms.is_valid():
        services.save_offers(listing, request.user, kept_rows(offer_forms, {row["id"] for row in rows}))
        _sent_message(request, listing)
        return redirect("seller:seller_listing_offers")
    context = {
        "tab": "offers",
        "offer_forms": offer_forms,
        "listing": listing,
        "status": services.listing_status(listing),
    }
    return render(request, "tourism/seller/offers_form.html", context, status=400 if post is not None else 200)
