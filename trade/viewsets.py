"""The moderators' queue in the Wagtail admin: pending posts to approve, open posts to hide."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from catalogue.permissions import is_moderator

from . import services
from .labels import label_posts
from .models import BoardProfile, Notification, Offer, Request, Status

MODELS = {"offer": Offer, "request": Request}


class ModeratorsOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ModerationQueueView(ModeratorsOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "trade/admin/moderation.html"
    page_title = gettext_lazy("Board moderation")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show = self.request.GET.get("show", "pending")
        status = Status.OPEN if show == "open" else Status.PENDING
        posts = [
            *Offer.objects.filter(status=status).with_related()[:200],
            *Request.objects.filter(status=status).with_related()[:200],
        ]
        posts.sort(key=lambda p: p.created_at, reverse=True)
        context.update(
            posts=label_posts(posts),
            show=show,
            pending_count=Offer.objects.pending().count() + Request.objects.pending().count(),
            recent_notifications=Notification.objects.select_related("user", "offer", "request")[:20],
        )
        return context


class ModerationActionView(ModeratorsOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request, kind, pk, action):
        model = MODELS.get(kind)
        if model is None or action not in ("approve", "hide"):
            raise PermissionDenied
        post = get_object_or_404(model, pk=pk)
        if action == "approve":
            services.approve_post(post, request.user)
            messages.success(request, _("“%(title)s” is now on the board.") % {"title": post.display_title})
        else:
            services.hide_post(post, request.user)
            messages.success(request, _("“%(title)s” is hidden.") % {"title": post.display_title})
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            target = reverse("trade_moderation:index")  # never off-site (#24)
        return redirect(target)


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


class ModerationViewSet(ViewSet):
    name = "trade_moderation"
    url_prefix = "trade/moderation"
    icon = "tasks"
    menu_label = gettext_lazy("Board moderation")
    menu_icon = "tasks"
    menu_item_class = ModeratorsMenuItem

    @property
    def menu_url(self):
        return reverse("trade_moderation:index")

    def get_urlpatterns(self):
        return [
            path("", ModerationQueueView.as_view(), name="index"),
            path("<str:kind>/<int:pk>/<str:action>/", ModerationActionView.as_view(), name="action"),
        ]


class BoardProfileViewSet(ModelViewSet):
    """Moderators confirm a phone number after calling it back, and correct display names."""

    model = BoardProfile
    name = "trade_profiles"
    url_prefix = "trade/profiles"
    icon = "user"
    menu_label = gettext_lazy("Board users")
    add_to_admin_menu = False
    form_fields = ["display_name", "phone", "email_verified", "phone_verified"]
    list_display = ["__str__", "user", "phone", "email_verified", "phone_verified"]
    list_filter = ["email_verified", "phone_verified"]
    search_fields = ["display_name", "phone", "user__username", "user__email"]
    inspect_view_enabled = False
    copy_view_enabled = False


class BoardViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Trade board")
    menu_icon = "tasks"
    menu_order = 350
    items = (ModerationViewSet, BoardProfileViewSet)
