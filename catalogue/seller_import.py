"""Import products with their packs from a spreadsheet (placeholder until the importer lands)."""

from django.http import Http404

from seller.access import seller_required


@seller_required
def import_view(request):
    raise Http404


@seller_required
def template_view(request, fmt: str):
    raise Http404
