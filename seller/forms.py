from django import forms
from django.utils.translation import gettext_lazy as _

from . import importer


class ImportForm(forms.Form):
    what = forms.ChoiceField(
        label=_("What is in the file"),
        choices=[(importer.PRODUCTS, _("Products with their packs")), (importer.BATCHES, _("Batches"))],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"})
    )
