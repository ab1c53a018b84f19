"""Complaints and returns (#22): a buyer opens a case on a delivered line within the window, the
business answers before its deadline, the buyer accepts or disputes, overdue and disputed cases
are in the moderators' queue, moderators decide with a reason; refunds by Stripe or to pay."""

import io
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import Site

from catalogue.models import ProducerPage
from orders.complaints import services
from orders.complaints.figures import complaint_figures
from orders.complaints.models import Answer, Case, CaseEvent, CaseStatus, ComplaintSettings, RefundState
from orders.models import LineStatus, OrderEvent, PaymentStatus
from orders.services import CustomerDetails, place_order

# Every test here sees the module's shop, whether it asks for it or not (tests/module_data.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_order_shop")]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """E-mails leave once a step is committed: `with committed():` runs those callbacks at its end,
    as the real commit of the request's transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def png(name="photo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def place(user, shop, *, delivered=True, method="cod", language="vi", email="lan@example.com"):
    from portal.places import ward_choices

    details = CustomerDetails(
        "Nguyễn Thị Lan", "0912345678", email, 38, ward_choices(38)[0][0], "12 Lê Lợi", "", method
    )
    order, _ = place_order({shop.variant_a.pk: 2, shop.variant_b.pk: 1}, details, uuid.uuid4().hex)
    order.user, order.language = user, language
    order.save(update_fields=["user", "language"])
    if delivered:
        order.lines.update(status=LineStatus.DELIVERED, status_changed_at=timezone.now())
    return order


@pytest.fixture
def buyer():
    return get_user_model().objects.create_user(username="lan", password="changeme", email="lan@example.com")


@pytest.fixture
def shop_emails(shop):
    ProducerPage.objects.filter(pk=shop.producer_a.pk).update(email="nem@example.com")
    ProducerPage.objects.filter(pk=shop.producer_b.pk).update(email="chieu@example.com")
    return shop


@pytest.fixture
def order(buyer, shop_emails):
    return place(buyer, shop_emails)


@pytest.fixture
def moderator():
    user = get_user_model().objects.create_user("mod", "mod@example.com", "changeme")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def url(order):
    return f"/vi/account/orders/{order.code}/complaint/"


def line_of(order, producer):
    return order.lines.get(producer=producer)


def open_on(line, buyer, **kwargs):
    data = {"kind": "complaint", "reason": "damaged", "description": "Hộp bị móp, nem bị dập."} | kwargs
    return services.open_case(line, buyer, **data)


# --- Opening a case ---------------------------------------------------------------------------


def test_buyer_opens_a_complaint_with_a_photo_and_both_sides_are_emailed(client, buyer, order, shop, committed):
    line = line_of(order, shop.producer_a)
    client.force_login(buyer)
    page = client.get(url(order) + f"?line={line.pk}")
    assert page.status_code == 200
    assert f'value="{line.pk}"' in page.content.decode() and "checked" in page.content.decode()
    with committed():
        response = client.post(
            url(order),
            {
                "line": line.pk,
                "kind": "complaint",
                "reason": "damaged",
                "description": "Hộp bị móp.",
                "photos": [png()],
            },
        )
    assert response.status_code == 302 and response["Location"] == f"/vi/account/orders/{order.code}/"
    case = Case.objects.get()
    assert (case.line, case.status, case.reason, case.photos.count()) == (line, CaseStatus.OPEN, "damaged", 1)
    assert case.answer_due_at - case.opened_at == timedelta(days=3)
    assert list(case.events.values_list("kind", flat=True)) == ["opened"]
    assert sorted(m.to[0] for m in mail.outbox) == ["lan@example.com", "nem@example.com"]
    assert OrderEvent.objects.filter(order=order, kind="complaint").count() == 0  # only outcomes go to the order
    detail = client.get(f"/vi/account/orders/{order.code}/").content.decode()
    assert "Khiếu nại và đổi trả" in detail or "Complaints and returns" in detail
    assert "Hộp bị móp." in detail


def test_guests_are_sent_to_sign_in_and_other_buyers_get_404(client, order):
    response = client.get(url(order))
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    other = get_user_model().objects.create_user(username="other", password="changeme")
    client.force_login(other)
    assert client.get(url(order)).status_code == 404
    assert client.post(url(order), {"line": order.lines.first().pk}).status_code == 404
    assert not Case.objects.exists()


def test_a_line_not_delivered_gets_a_clear_message_and_no_case(client, buyer, shop_emails):
    order = place(buyer, shop_emails, delivered=False)
    line = order.lines.first()
    client.force_login(buyer)
    page = client.get(url(order) + f"?line={line.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "khi sản phẩm đã được giao" in page
    response = client.post(url(order), {"line": line.pk, "kind": "complaint", "reason": "damaged", "description": "x"})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_the_window_after_delivery_is_a_site_setting(client, buyer, order, shop):
    line = line_of(order, shop.producer_a)
    line.status_changed_at = timezone.now() - timedelta(days=8)
    line.save(update_fields=["status_changed_at"])
    assert services.case_refusal(line).code == "window_passed"  # default: 7 days
    with pytest.raises(Exception) as refused:
        open_on(line, buyer)
    assert getattr(refused.value, "code", "") == "window_passed"
    ComplaintSettings.objects.create(site=Site.objects.get(is_default_site=True), window_days=10, answer_days=5)
    case = open_on(line, buyer)
    assert case.answer_due_at - case.opened_at == timedelta(days=5)


def test_one_open_case_per_line(buyer, order, shop):
    line = line_of(order, shop.producer_a)
    open_on(line, buyer)
    with pytest.raises(Exception) as refused:
        open_on(line, buyer, kind="return", reason="changed_mind")
    assert refused.value.code == "case_open"
    assert Case.objects.count() == 1


def test_bad_input_opens_nothing(client, buyer, order, shop, committed):
    line = line_of(order, shop.producer_a)
    client.force_login(buyer)
    bad = (
        {"line": line.pk, "kind": "complaint", "reason": "changed_mind", "description": "Không thích nữa."},
        {"line": line.pk, "kind": "complaint", "reason": "damaged", "description": ""},
        {"line": line.pk, "kind": "refund-now", "reason": "damaged", "description": "x"},
        {"line": 999999, "kind": "complaint", "reason": "damaged", "description": "x"},
        {"line": line.pk, "kind": "complaint", "reason": "damaged", "description": "x", "photos": [png()] * 4},
    )
    with committed():
        assert [client.post(url(order), data).status_code for data in bad] == [400] * len(bad)
    assert not Case.objects.exists() and not mail.outbox


# --- The business -----------------------------------------------------------------------------


def test_business_answers_its_own_case_and_cannot_see_or_answer_another(
    client, buyer, order, shop, business_users, committed
):
    nem_user, chieu_user = business_users
    case = open_on(line_of(order, shop.producer_a), buyer)
    client.force_login(chieu_user)
    assert client.get("/vi/seller/complaints/").status_code == 200
    assert f"/vi/seller/complaints/{case.pk}/" not in client.get("/vi/seller/complaints/").content.decode()
    assert client.get(f"/vi/seller/complaints/{case.pk}/").status_code == 404
    assert client.post(f"/vi/seller/complaints/{case.pk}/", {"answer": "refund"}).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    client.force_login(nem_user)
    assert f"/vi/seller/complaints/{case.pk}/" in client.get("/vi/seller/complaints/").content.decode()
    assert "Hộp bị móp" in client.get(f"/vi/seller/complaints/{case.pk}/").content.decode()
    assert client.post(f"/vi/seller/complaints/{case.pk}/", {"answer": "reject", "text": ""}).status_code == 400
    with committed():
        response = client.post(
            f"/vi/seller/complaints/{case.pk}/", {"answer": "reject", "text": "Hàng giao nguyên vẹn."}
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.answer, case.answer_text) == (CaseStatus.ANSWERED, Answer.REJECT, "Hàng giao nguyên vẹn.")
    assert case.answered_in_time and len(mail.outbox) == 2


def test_unanswered_past_the_deadline_is_in_the_queue_without_a_cron(client, buyer, order, shop, business_users):
    case = open_on(line_of(order, shop.producer_a), buyer)
    assert not Case.objects.needs_moderator().exists()
    Case.objects.filter(pk=case.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    assert list(Case.objects.needs_moderator()) == [case]
    client.force_login(business_users[0])
    response = client.post(f"/vi/seller/complaints/{case.pk}/", {"answer": "refund"})
    assert response.status_code == 400  # too late: the moderators decide
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.answer == ""


def test_escalation_emails_both_sides_once(buyer, order, shop, committed):
    case = open_on(line_of(order, shop.producer_a), buyer)
    Case.objects.filter(pk=case.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    with committed():
        assert services.escalate_overdue() == 1
        assert services.escalate_overdue() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["lan@example.com", "nem@example.com"]
    assert case.events.filter(kind=CaseEvent.Kind.ESCALATED).count() == 1


def test_the_escalation_command_runs_the_task(buyer, order, shop):
    from django.core.management import call_command

    case = open_on(line_of(order, shop.producer_a), buyer)
    Case.objects.filter(pk=case.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    call_command("escalate_complaints")
    case.refresh_from_db()
    assert case.escalated_at is not None


# --- The buyer's response and the moderators --------------------------------------------------


def answered(case, shop, user, answer="reject", text="Hàng giao nguyên vẹn."):
    return services.answer_case(case, shop.producer_a, user, answer=answer, text=text)


def test_buyer_accepting_a_rejection_closes_the_case_for_the_business(client, buyer, order, shop, business_users):
    case = answered(open_on(line_of(order, shop.producer_a), buyer), shop, business_users[0])
    client.force_login(buyer)
    client.post(f"/vi/account/orders/{order.code}/complaint/{case.pk}/respond/", {"action": "accept"})
    case.refresh_from_db()
    assert (case.status, case.outcome, case.for_buyer, case.refund_amount) == (CaseStatus.CLOSED, "reject", False, 0)


def test_buyer_accepting_a_refund_records_it_for_staff_on_cash_on_delivery(buyer, order, shop, business_users):
    line = line_of(order, shop.producer_a)
    case = answered(open_on(line, buyer), shop, business_users[0], answer="refund", text="")
    services.accept_answer(case, buyer)
    case.refresh_from_db()
    assert (case.outcome, case.refund_amount, case.refund_state) == ("refund", line.line_total, RefundState.TO_PAY)


def test_dispute_then_moderator_decides_a_partial_refund_to_pay_then_staff_mark_it_paid(
    client, buyer, order, shop, business_users, moderator, committed
):
    line = line_of(order, shop.producer_a)
    case = answered(open_on(line, buyer), shop, business_users[0])
    client.force_login(buyer)
    client.post(
        f"/vi/account/orders/{order.code}/complaint/{case.pk}/respond/", {"action": "dispute", "text": "Ảnh đã chụp."}
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.DISPUTED and list(Case.objects.needs_moderator()) == [case]
    client.force_login(moderator)
    assert f"#{case.pk}" in client.get("/admin/complaints/").content.decode()
    admin_case = f"/admin/complaints/{case.pk}/"
    # A refund above the line's total, or without a reason, changes nothing.
    assert (
        client.post(admin_case, {"outcome": "refund", "amount": line.line_total + 1, "reason": "x"}).status_code == 400
    )
    assert client.post(admin_case, {"outcome": "refund", "amount": 30_000, "reason": ""}).status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.DISPUTED and not case.events.filter(kind="decided").exists()
    with committed():
        response = client.post(admin_case, {"outcome": "refund", "amount": 30_000, "reason": "Ảnh cho thấy hộp móp."})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome, case.refund_amount, case.refund_state) == ("closed", "refund", 30_000, "to_pay")
    assert case.decided_by_moderator and case.decision_reason == "Ảnh cho thấy hộp móp." and case.for_buyer
    assert len(mail.outbox) == 2 and all("30.000" in m.body for m in mail.outbox)
    assert OrderEvent.objects.filter(order=order, kind="complaint", line=line).count() == 1
    client.post(f"/admin/complaints/{case.pk}/paid/")
    case.refresh_from_db()
    order.refresh_from_db()
    assert case.refund_state == RefundState.PAID and order.refunded_amount == 30_000
    assert order.payment_status == PaymentStatus.PARTIALLY_REFUNDED
    assert OrderEvent.objects.filter(order=order, kind="refunded").count() == 1
    assert [e.kind for e in case.events.all()] == [
        "opened", "answered", "disputed", "decided", "refund_to_pay", "refund_paid"
    ]  # fmt: skip
    page = client.get(f"/vi/account/orders/{order.code}/")  # the moderator is not the buyer
    assert page.status_code == 404
    client.force_login(buyer)
    page = client.get(f"/vi/account/orders/{order.code}/").content.decode()
    assert "Ảnh cho thấy hộp móp." in page and "30.000" in page


def test_a_business_or_a_buyer_cannot_decide(client, buyer, order, shop, business_users):
    case = open_on(line_of(order, shop.producer_a), buyer)
    Case.objects.filter(pk=case.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    for user in (buyer, business_users[0]):
        client.force_login(user)
        client.post(f"/admin/complaints/{case.pk}/", {"outcome": "refund", "reason": "x"})
        assert client.get("/admin/complaints/").status_code in (302, 404)
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_emails_are_in_each_recipients_language(buyer, shop_emails, committed):
    order = place(buyer, shop_emails, language="en")
    with committed():
        open_on(line_of(order, shop_emails.producer_a), buyer)
    to_buyer = next(m for m in mail.outbox if m.to == ["lan@example.com"])
    to_business = next(m for m in mail.outbox if m.to == ["nem@example.com"])
    assert "Complaint on order" in to_buyer.subject and "/en/account/orders/" in to_buyer.body
    assert "Khiếu nại" in to_business.subject and "/vi/seller/complaints/" in to_business.body


def test_dashboard_figures(buyer, order, shop, business_users, moderator):
    first = answered(open_on(line_of(order, shop.producer_a), buyer), shop, business_users[0])
    services.accept_answer(first, buyer)
    second = open_on(line_of(order, shop.producer_b), buyer)
    Case.objects.filter(pk=second.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    services.decide_case(second, moderator, outcome="refund", reason="Quá hạn trả lời.")
    now = timezone.now()
    figures = complaint_figures(now - timedelta(days=1), now + timedelta(minutes=1))
    assert figures == {
        "opened": 2, "answered_in_time": 1, "escalated": 1, "for_buyer": 1, "for_business": 1, "refunded": 450_000
    }  # fmt: skip


def test_a_refund_on_a_bank_transfer_order_is_recorded_for_staff_to_pay(buyer, shop_emails, moderator):
    from orders.models import Refund
    from orders.services import mark_paid

    order = place(buyer, shop_emails, method="vietqr")
    mark_paid(order, message="test transfer")
    line = line_of(order, shop_emails.producer_b)
    case = open_on(line, buyer, kind="return", reason="changed_mind")
    Case.objects.filter(pk=case.pk).update(answer_due_at=timezone.now() - timedelta(minutes=1))
    services.decide_case(case, moderator, outcome="return_refund", reason="Trả hàng trong hạn, còn nguyên.")
    case.refresh_from_db()
    order.refresh_from_db()
    assert (case.outcome, case.refund_amount, case.refund_state) == ("return_refund", line.line_total, "to_pay")
    assert not Refund.objects.exists() and order.refunded_amount == 0  # until staff pay it
    assert list(Case.objects.refunds_to_pay()) == [case]
    assert services.case_refusal(line).code == "refunded"  # refunded in full: no second case


def test_the_order_page_finds_every_lines_case_state_in_a_fixed_number_of_queries(
    client, buyer, shop_emails, django_assert_max_num_queries
):
    order = place(buyer, shop_emails)
    client.force_login(buyer)
    client.get(f"/vi/account/orders/{order.code}/")  # warm the caches (site, settings)
    with django_assert_max_num_queries(30) as few:
        client.get(f"/vi/account/orders/{order.code}/")
    refusal_queries = [q for q in few.captured_queries if '"orders_case"' in q["sql"]]
    assert len(refusal_queries) <= 3  # open cases, refunded sums, the order's cases: not one per line


def test_todays_screen_lists_the_businesss_cases_to_answer(client, buyer, order, shop, business_users):
    case = open_on(line_of(order, shop.producer_a), buyer)
    client.force_login(business_users[0])
    assert f"/vi/seller/complaints/{case.pk}/" in client.get("/vi/seller/").content.decode()
    client.force_login(business_users[1])
    assert f"/vi/seller/complaints/{case.pk}/" not in client.get("/vi/seller/").content.decode()
