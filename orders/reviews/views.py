"""The buyer's review form for one delivered line of their own order."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..localisation import localise_order_lines
from ..models import OrderLine
from . import services
from .forms import ReviewForm


@login_required
@require_http_methods(["GET", "POST"])
def review_line(request, code, line_id):
    # Someone else's order, or a line of another order: 404, as for an unknown code.
    line = get_object_or_404(
        OrderLine.objects.select_related("order", "producer"), pk=line_id, order__code=code, order__user=request.user
    )
    localise_order_lines([line])
    refusal = services.review_refusal(line)
    form = ReviewForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if refusal is None and form.is_valid():
            data = form.cleaned_data
            try:
                services.submit_review(
                    line, request.user, rating=data["rating"], text=data["text"], photos=data["photos"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you: your review is on the product's page."))
                return redirect("orders:order_detail", code=line.order.code)
        status = 400
    context = {"line": line, "order": line.order, "form": form, "refusal": refusal}
    return render(request, "orders/reviews/review_form.html", context, status=status)
