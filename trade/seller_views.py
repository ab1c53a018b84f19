"""The board in the seller workspace: the business's offers and the questions to answer."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from seller.access import own_or_404, seller_required

from . import seller_services, services
from .forms import AnswerForm


@seller_required
def board(request):
    inquiries = list(seller_services.inquiries_of(request.producer, request.user)[:50])
    context = {
        "tab": "board",
        "posts": seller_services.posts_of(request.producer, request.user),
        "unanswered": [i for i in inquiries if not i.is_answered],
        "answered": [i for i in inquiries if i.is_answered][:10],
    }
    return render(request, "trade/seller/board.html", context)


@seller_required
def inquiry(request, pk: int):
    item = own_or_404(request, seller_services.inquiries_of(request.producer, request.user), f"inquiry {pk}", pk=pk)
    can_answer = item.post.owner_id == request.user.pk
    form = AnswerForm(request.POST or None, initial={"answer": item.answer}) if can_answer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.answer_inquiry(item, request.user, form.cleaned_data["answer"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your answer was sent. You can now see each other's contact details."))
                return redirect("seller:seller_board")
    context = {
        "tab": "board",
        "inquiry": item,
        "form": form,
        "contact": services.other_party_contact(item, request.user),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "trade/seller/inquiry.html", context, status=status)
