"""The seller workspace's reviews screen: the business's own products' reviews, each answered once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seller.access import own_or_404, refuse_other_business, seller_required

from . import services
from .forms import AnswerForm


@seller_required
def review_list(request):
    reviews = list(services.reviews_for_business(request.producer)[:200])
    context = {
        "tab": "reviews",
        "reviews": reviews,
        "summary": services.producer_rating(request.producer),
        "answer_form": AnswerForm(),
    }
    return render(request, "orders/reviews/seller_review_list.html", context)


@seller_required
@require_POST
def answer(request, pk):
    review = own_or_404(request, services.reviews_for_business(request.producer), "review", pk=pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer_review(review, request.producer, request.user, form.cleaned_data["answer"])
        except PermissionDenied as error:
            raise refuse_other_business(request, "review") from error
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your answer is on the product's page."))
    else:
        messages.error(request, " ".join(form.errors.get("answer", [])))
    return redirect("seller:seller_reviews")
