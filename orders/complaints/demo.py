"""A delivered demo order with a complaint the business has answered, so the buyer's order page,
the business's Complaints screen and the moderators' queue show something (run by orders.demo)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured

from catalogue.permissions import producers_for_user
from portal.demo import ensure_user
from portal.places import ward_choices

from ..models import LineStatus, Order, OrderStatus
from ..services import CustomerDetails, change_line_status, place_order
from . import services
from .models import Answer, CaseKind, Reason

DEMO_ORDER_MARK = "demo0000000000000000000000000c01"
DEMO_BUYER = "nha-hang-ha-noi"  # a demo sign-in (README), password `changeme`


def load(command, variant) -> None:
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).first()
    if admin is None or Order.objects.filter(idempotency_token=DEMO_ORDER_MARK).exists():
        return
    try:  # the board's demo buyer (trade.demo completes its profile); never under production settings
        buyer = ensure_user(DEMO_BUYER, email=f"{DEMO_BUYER}@buyer.xuthanh.example", staff=False)
    except ImproperlyConfigured:
        return
    details = CustomerDetails(
        "Phạm Minh Châu", "0904123456", "", 1, ward_choices(1)[0][0], "12 Hàng Bông, Hà Nội", "", "cod"
    )
    order, _ = place_order({variant.pk: 1}, details, DEMO_ORDER_MARK, language="vi")
    order.user = buyer
    order.save(update_fields=["user"])
    if order.status != OrderStatus.CONFIRMED:
        return
    line = order.lines.get()
    for status in (LineStatus.PACKED, LineStatus.SHIPPED, LineStatus.DELIVERED):
        change_line_status(line, status, actor=admin)
        line.refresh_from_db()
    case = services.open_case(
        line,
        buyer,
        kind=CaseKind.COMPLAINT,
        reason=Reason.DAMAGED,
        description="Hộp giao đến bị móp một góc, hai gói bên trong bị rách.",
    )
    business = next((u for u in User.objects.filter(username=line.producer.slug) if producers_for_user(u)), admin)
    services.answer_case(
        case,
        line.producer,
        business,
        answer=Answer.REFUND,
        text="Xin lỗi anh chị, cơ sở hoàn tiền phần hàng bị hỏng.",
    )
    command.stdout.write(f"orders: a demo complaint on order {order.code}")
