"""The business's legal identity in the seller workspace, and the licence scans (private files)."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from seller.access import business_required, refuse_other_business

from .forms import LicenceForm, SellerIdentityForm
from .identity import add_licence, identity_for, save_identity
from .models import SellerIdentity, SellerLicence
from .permissions import is_moderator
from .private_files import security_log
from .takedown import takedowns_for_business


def _business(request):
    return request.producer or request.listing


@business_required
def identity_screen(request):
    business = _business(request)
    identity = identity_for(business)
    identity_form = SellerIdentityForm(instance=identity, prefix="legal")
    licence_form = LicenceForm(prefix="licence")
    if request.method == "POST" and request.POST.get("part") == "identity":
        identity_form = SellerIdentityForm(request.POST, instance=identity, prefix="legal")
        if identity_form.is_valid():
            changed = identity_form.changed_data
            identity = identity_form.save(commit=False)
            if identity.business_id is None:
                identity.business_id = business.pk
            if save_identity(identity, changed_fields=changed):
                messages.success(request, _("Saved. A moderator checks the changed legal details again."))
            else:
                messages.success(request, _("Saved."))
            return redirect("seller:seller_identity")
    elif request.method == "POST" and request.POST.get("part") == "licence":
        licence_form = LicenceForm(request.POST, request.FILES, prefix="licence")
        if identity is None:
            messages.error(request, _("Fill in your legal identity first."))
        elif licence_form.is_valid():
            add_licence(identity, **{name: licence_form.cleaned_data[name] for name in LicenceForm.Meta.fields})
            messages.success(request, _("Licence added. A moderator checks it before it counts."))
            return redirect("seller:seller_identity")
    context = {
        "tab": "identity",
        "identity": identity,
        "identity_form": identity_form,
        "licence_form": licence_form,
        "licences": list(identity.licences.all()) if identity else [],
        "takedowns": takedowns_for_business(request.producer) if request.producer else [],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "catalogue/seller/identity.html", context, status=status)


def serve_scan(licence: SellerLicence):
    if not licence.scan:
        raise Http404
    return FileResponse(licence.scan.open("rb"), as_attachment=False, filename=licence.scan.name.rsplit("/", 1)[-1])


@business_required
def licence_scan(request, pk: int):
    """A licence's scan, for its own business only (moderators open it from the admin)."""
    business = _business(request)
    licence = SellerLicence.objects.filter(pk=pk, identity__in=SellerIdentity.objects.for_page(business)).first()
    if licence is None:
        raise refuse_other_business(request, f"licence {pk}")
    return serve_scan(licence)


def admin_licence_scan(request, pk: int):
    if not is_moderator(request.user):
        security_log.warning("user %s refused licence scan %s", request.user.pk, pk)
        raise Http404
    return serve_scan(get_object_or_404(SellerLicence, pk=pk))
