"""The workspace shell's screens: Today."""

from django.shortcuts import render

from .access import seller_required


@seller_required
def today(request):
    return render(request, "seller/today.html", {"producer": request.producer})
