"""The catalogue's screens in the seller workspace: the business's products."""

from django.shortcuts import render

from seller.access import seller_required


@seller_required
def product_list(request):
    return render(request, "catalogue/seller/product_list.html", {"products": []})
