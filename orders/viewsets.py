"""Fulfilment in the Wagtail admin: each business sees and moves only its own order lines;
moderators see every order, mark transfers paid, cancel and refund."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.coreutils import multigetattr
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import LineStatus, Order, OrderLine, OrderStatus, ShippingRate, TransferNotification
from .permissions import is_order_manager, producers_for_user, security_log
from .privacy import buyer_contact, buyer_contact_for, full_access, line_states_by_order
from .services import batches_for_line, change_line_status, record_shipment


class OrderLinePolicy(BasePermissionPolicy):
    """Businesses may view and change their own producers' lines; nobody adds or deletes lines here."""

    def user_has_permission(self, user, action):
        if action not in ("view", "change"):
            return False
        return is_order_manager(user) or producers_for_user(user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return is_order_manager(user) or producers_for_user(user).filter(pk=instance.producer_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return lines_for_user(user)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class OrderPolicy(BasePermissionPolicy):
    """Whole orders (with customers' details of every business) are for moderators only."""

    def user_has_permission(self, user, action):
        return action in ("view", "change") and is_order_manager(user)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


def lines_for_user(user):
    lines = OrderLine.objects.select_related("order", "producer")
    if is_order_manager(user):
        return lines
    return lines.filter(producer__in=producers_for_user(user))


class OrderLineForm(WagtailAdminModelForm):
    class Meta:
        model = OrderLine
        fields = ["status", "batch"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = LineStatus(self.instance.status)
        allowed = [current, *sorted(self.instance.allowed_transitions())]
        self.fields["status"] = forms.ChoiceField(
            label=_("status"),
            choices=[(s.value, s.label) for s in LineStatus if s in allowed],
            help_text=_("Cancelling puts the items back in stock."),
        )
        self.fields["batch"].queryset = batches_for_line(self.instance)
        self.fields["batch"].help_text = _("The lot these items were packed from (for traceability and recalls).")

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == self.instance.status:
            return status
        if status not in self.instance.allowed_transitions():
            raise ValidationError(_("This status change is not allowed."), code="line_transition")
        if status != LineStatus.CANCELLED and self.instance.order.status != OrderStatus.CONFIRMED:
            raise ValidationError(
                _("This order is not confirmed yet (it is waiting for payment)."), code="order_not_confirmed"
            )
        return status


class OwnLinesMixin:
    def get_base_queryset(self):
        return lines_for_user(self.request.user)


# The export's buyer columns, filled by orders.privacy for the user who exports.
BUYER_EXPORT_FIELDS = {
    "buyer_name": _("buyer"),
    "buyer_phone": _("buyer's phone"),
    "delivery_address": _("delivery address"),
    "invoice_company_name": _("invoice: company name"),
    "invoice_tax_code": _("invoice: tax code"),
    "invoice_address": _("invoice: company address"),
    "invoice_email": _("invoice: e-mail"),
}


class OrderLineIndexView(OwnLinesMixin, IndexView):
    def to_row_dict(self, item):
        row = {field: multigetattr(item, field) for field in self.list_export if field not in BUYER_EXPORT_FIELDS}
        contact = self._contact(item)
        order = item.order
        row.update(
            buyer_name=contact.name,
            buyer_phone=str(contact.hidden_label) if contact.hidden else contact.phone,
            delivery_address=str(contact.hidden_label) if contact.hidden else contact.address,
            invoice_company_name=order.invoice_company_name,
            invoice_tax_code=order.invoice_tax_code,
            invoice_address=order.invoice_address,
            invoice_email=contact.invoice_email,
        )
        return row

    def _contact(self, line):
        """The buyer by the user's own lines of each order (their states read in one query)."""
        staff = full_access(self.request.user)
        if not hasattr(self, "_own_states"):
            self._own_states = {} if staff else line_states_by_order(lines_for_user(self.request.user))
        return buyer_contact(line.order, self._own_states.get(line.order_id, []), staff=staff)


class OrderLineEditView(EditView):
    template_name = "orders/admin/line_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contact"] = buyer_contact_for(self.object.order, self.request.user)
        return context

    def get_queryset(self):
        return lines_for_user(self.request.user)

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            if OrderLine.objects.filter(pk=self.object_pk).exists():
                security_log.warning(
                    "user %s opened order line %s of another business", self.request.user.pk, self.object_pk
                )
            raise

    def save_instance(self):
        line = OrderLine.objects.get(pk=self.object.pk)
        new_status = self.form.cleaned_data["status"]
        batch = self.form.cleaned_data.get("batch")
        if batch != line.batch:
            line = record_shipment(line, batch, actor=self.request.user)
        if new_status != line.status:
            try:
                line = change_line_status(line, new_status, actor=self.request.user)
            except PermissionDenied:
                raise Http404
        return line

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error("status", error)
            return self.form_invalid(form)


class OrderLineInspectView(InspectView):
    def get_object(self, queryset=None):
        line = lines_for_user(self.request.user).filter(pk=self.pk).first()
        if line is None:
            security_log.warning("user %s inspected order line %s not theirs", self.request.user.pk, self.pk)
            raise Http404
        return line


class OwnLineObjectMixin:
    """History and usage pages of a line exist only for the business that owns it."""

    def get_base_object_queryset(self):
        return lines_for_user(self.request.user)


class OrderLineHistoryView(OwnLineObjectMixin, HistoryView):
    pass


class OrderLineUsageView(OwnLineObjectMixin, UsageView):
    pass


class OrderLineViewSet(ModelViewSet):
    model = OrderLine
    icon = "list-ul"
    menu_label = _("Orders to fulfil")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = OrderLineIndexView
    edit_view_class = OrderLineEditView
    inspect_view_class = OrderLineInspectView
    history_view_class = OrderLineHistoryView
    usage_view_class = OrderLineUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        # Each row opens its line, where the business packs and ships it.
        TitleColumn("order", label=_("order"), accessor="order", url_name="orders_line:edit"),
        "product_title",
        "variant_name",
        "quantity",
        "producer",
        Column("order_status", label=_("payment"), accessor="order.get_payment_status_display"),
        "status",
    ]
    list_filter = ["status"]
    list_export = [
        "order",
        "product_title",
        "variant_name",
        "sku",
        "quantity",
        "unit_price",
        "status",
        *BUYER_EXPORT_FIELDS,
    ]
    export_headings = BUYER_EXPORT_FIELDS
    search_fields = ["product_title", "sku", "order__code"]

    def get_form_class(self, for_update=False):
        return OrderLineForm

    inspect_view_fields = [
        "order",
        "product_title",
        "variant_name",
        "sku",
        "unit_price",
        "quantity",
        "producer",
        "status",
        "status_changed_at",
        "batch",
    ]


class OrderIndexView(IndexView):
    def get_base_queryset(self):
        return Order.objects.all()


class OrderInspectView(InspectView):
    template_name = "orders/admin/order_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = self.object.lines.select_related("producer")
        context["events"] = self.object.events.select_related("actor")
        context["refunds"] = self.object.refunds.all()
        context["refundable"] = self.object.total - self.object.refunded_amount
        context["can_mark_paid"] = self.object.payment_method != "card" and not self.object.is_paid
        context["transfers"] = self.object.transfer_notifications.all()
        return context


class OrderViewSet(ModelViewSet):
    model = Order
    icon = "form"
    menu_label = _("All orders")
    menu_order = 251
    add_to_admin_menu = True
    index_view_class = OrderIndexView
    inspect_view_class = OrderInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["note"]
    list_display = ["code", "name", "total", "payment_method", "payment_status", "status", "created_at"]
    list_filter = ["status", "payment_status", "payment_method"]
    search_fields = ["code", "name", "phone"]
    list_export = ["code", "created_at", "name", "phone", "total", "payment_method", "payment_status", "status"]


class ShippingRateViewSet(ModelViewSet):
    model = ShippingRate
    icon = "site"
    menu_label = _("Shipping rates")
    add_to_settings_menu = True
    list_display = ["__str__", "fee_in_province", "fee_elsewhere", "free_over"]
    form_fields = ["producer", "fee_in_province", "fee_elsewhere", "free_over"]


class TransferNotificationPolicy(OrderPolicy):
    """The bank's notifications carry payers' names and accounts: moderators only, who may
    only untick "needs staff review" once the money is dealt with."""


class TransferNotificationViewSet(ModelViewSet):
    """Every transfer PayOS reported, the ones needing a person first (partial, excess, late,
    already paid, no matching order)."""

    model = TransferNotification
    icon = "doc-full-inverse"
    menu_label = _("Bank transfers")
    menu_order = 252
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["needs_review"]
    list_display = ["reference", "order", "amount", "description", "outcome", "needs_review", "received_at"]
    list_filter = ["needs_review", "outcome"]
    search_fields = ["reference", "description", "order__code", "counter_account_name"]
    list_export = ["received_at", "reference", "order", "amount", "description", "outcome", "needs_review"]
    ordering = ["-needs_review", "-received_at"]
