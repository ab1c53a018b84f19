"""Admin views for business applications: approve (onboard) or reject."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .identity import require_verified
from .models import BusinessApplication, SellerIdentity
from .onboarding import onboard_business, reject_application


def _check(request):
    if not request.user.has_perm("catalogue.approve_businessapplication"):
        raise PermissionDenied


def decide_application(request, pk, decision):
    """GET asks for confirmation; POST approves (onboards) or rejects."""
    _check(request)
    application = get_object_or_404(BusinessApplication, pk=pk)
    index_url = "catalogue_business_applications:index"
    if request.method == "POST":
        try:
            if decision == "approve":
                require_verified(application)
                business = onboard_business(application, request.user)
                messages.success(
                    request,
                    _("“%(name)s” is approved: its page, group and sign-in are ready.") % {"name": business.title},
                )
            else:
                reject_application(application, request.user)
                messages.success(request, _("“%(name)s” is rejected.") % {"name": application.business_name})
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(index_url)
    return TemplateResponse(
        request,
        "catalogue/admin/decide_application.html",
        {
            "application": application,
            "identity": SellerIdentity.objects.filter(application=application).first(),
            "decision": decision,
            "index_url": index_url,
        },
    )
