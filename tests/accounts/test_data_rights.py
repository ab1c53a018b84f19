"""The "my data" page: the download holds exactly my data, deletion erases or anonymises at once
(orders keep name and address, marked retained), all or nothing, after a second confirmation."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from accounts import data_rights
from accounts.models import AccountPhone, Address, Consent, DataRequest, DataRequestKind, Favourite, SignIn
from orders.models import Order
from orders.reviews.models import Review
from trade.models import BoardProfile, Inquiry, Offer, Request, Status

from .conftest import PASSWORD
from .data_seed import inquire, seed_person

pytestmark = pytest.mark.django_db

LAN_PHONE, MINH_PHONE = "0912345678", "0987654321"


@pytest.fixture
def two_people(client, shop):
    lan, lan_order, lan_offer = seed_person(client, shop, "lan", LAN_PHONE)
    minh, minh_order, minh_offer = seed_person(client, shop, "minh", MINH_PHONE)
    inquire(lan, minh_offer, "lan")
    inquire(minh, lan_offer, "minh")  # about Lan's post, but Minh's message: not Lan's data
    return lan, minh, lan_order, minh_order


def download(client, user) -> dict:
    client.force_login(user)
    response = client.post("/en/account/data/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    return json.loads(response.content)


def test_the_download_holds_all_of_my_data_and_nothing_of_anyone_else(client, two_people):
    lan, minh, lan_order, _minh_order = two_people
    data = download(client, lan)
    text = json.dumps(data, ensure_ascii=False)
    assert "minh" not in text.lower() and MINH_PHONE not in text
    assert data["profile"]["email"] == "lan@example.com"
    assert [p["phone"] for p in data["phones"]] == [LAN_PHONE]
    assert [e["email"] for e in data["emails"]] == ["lan@example.com"]
    assert data["addresses"][0]["name"] == "Name lan"
    assert [o["code"] for o in data["orders"]] == [lan_order.code]
    assert data["orders"][0]["phone"] == LAN_PHONE and data["orders"][0]["lines"][0]["quantity"] == 1
    assert [r["text"] for r in data["reviews"]] == ["review by lan"]
    assert [c["description"] for c in data["complaints"]] == ["complaint by lan"]
    assert sorted(p["title_vi"] for p in data["board_posts"]) == ["offer of lan", "request of lan"]
    assert data["board_profile"]["display_name"] == "Board lan"
    assert [i["message"] for i in data["inquiries"]] == ["inquiry from lan"]
    assert len(data["favourites"]) == 1
    purposes = sorted(c["purpose"] for c in data["consents"])
    assert purposes == ["marketing_email", "order", "order"]  # the order's: terms of sale and privacy
    assert data["sign_ins"] and all(s["at"] for s in data["sign_ins"])
    assert [r["kind"] for r in data["data_requests"]] == []  # this one is registered after the file is made


def test_a_download_is_registered_and_acknowledged_by_e_mail_in_my_language(client, two_people):
    lan = two_people[0]
    with mock.patch("django.db.transaction.on_commit", lambda callback, **kwargs: callback()):
        download(client, lan)
    entry = DataRequest.objects.get(user=lan)
    assert entry.kind == DataRequestKind.DOWNLOAD and entry.done_at is not None
    assert entry.due_at - entry.received_at == timedelta(hours=72)
    assert [m.to for m in mail.outbox] == [["lan@example.com"]]
    assert "Download of my data" in mail.outbox[0].subject


def test_the_page_and_its_actions_need_a_signed_in_account(client, two_people):
    assert client.get("/en/account/data/").status_code == 302
    assert client.post("/en/account/data/download/").status_code == 302
    assert client.post("/en/account/data/delete/", {"password": PASSWORD, "understood": "on"}).status_code == 302
    assert get_user_model().objects.filter(is_active=True).count() == 2


def test_deleting_my_account_erases_my_data_and_keeps_the_order_for_accounting(
    client, two_people, django_capture_on_commit_callbacks
):
    lan, minh, lan_order, minh_order = two_people
    client.force_login(lan)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/account/data/delete/", {"password": PASSWORD, "understood": "on"})
    assert response.status_code == 302 and response["Location"] == "/en/account/data/deleted/"
    assert "Your account is deleted" in client.get(response["Location"]).content.decode()
    lan.refresh_from_db()
    assert not lan.is_active and not lan.has_usable_password()
    assert lan.email == "" and lan.first_name == "" and lan.username.startswith("deleted-")
    for model in (AccountPhone, Address, Favourite, EmailAddress, BoardProfile, SignIn):
        assert not model.objects.filter(user=lan).exists(), model
    assert not Inquiry.objects.filter(sender=lan).exists()
    order = Order.objects.get(pk=lan_order.pk)
    assert (order.phone, order.email, order.note) == ("", "", "")
    assert order.name == "Buyer lan" and order.street == "lan lane"  # kept for accounting
    assert order.personal_data_retained_until == data_rights.retention_end(timezone.localdate())
    assert order.personal_data_retained_until.year == timezone.localdate().year + 10
    review = Review.objects.get(user=lan)
    assert review.author_name != "Givenlan" and review.text == "review by lan"
    assert set(Offer.objects.filter(owner=lan).values_list("status", flat=True)) == {Status.CLOSED}
    assert set(Request.objects.filter(owner=lan).values_list("status", flat=True)) == {Status.CLOSED}
    assert not Consent.objects.of_user(lan).active().exists()
    entry = DataRequest.objects.get(kind=DataRequestKind.DELETE)
    assert entry.done_at is not None and entry.subject_label == f"#{lan.pk}"
    assert [m.to for m in mail.outbox] == [["lan@example.com"]]  # acknowledged to the address it had
    # Minh is untouched.
    minh_order.refresh_from_db()
    assert minh_order.phone == MINH_PHONE and minh_order.personal_data_retained_until is None
    assert AccountPhone.objects.filter(user=minh).exists() and Review.objects.get(user=minh).author_name == "Givenminh"
    assert Offer.objects.get(owner=minh).status == Status.OPEN
    # Signed out, and the old password no longer signs in.
    assert client.get("/en/account/").status_code == 302
    assert not client.login(username="user-lan", password=PASSWORD)


def test_after_deletion_the_business_sees_no_phone_or_e_mail_on_its_lines(client, two_people, business_users):
    lan, _minh, lan_order, _ = two_people
    line = lan_order.lines.get()
    seller_a, _ = business_users

    def seller_pages() -> str:
        client.force_login(seller_a)
        pages = [client.get("/en/seller/orders/?show=all"), client.get(f"/en/seller/orders/lines/{line.pk}/")]
        assert all(page.status_code == 200 for page in pages)
        return "".join(page.content.decode() for page in pages)

    before = seller_pages()
    assert "Buyer lan" in before and (LAN_PHONE in before or "0912 345 678" in before)
    client.force_login(lan)
    client.post("/en/account/data/delete/", {"password": PASSWORD, "understood": "on"})
    after = seller_pages()
    assert LAN_PHONE not in after and "0912 345 678" not in after and "lan-order@example.com" not in after
    assert "Buyer lan" in after  # the name is retained for accounting


@pytest.mark.parametrize(
    "data",
    [
        {"password": "wrong-password", "understood": "on"},
        {"password": PASSWORD},  # the box not ticked
        {"understood": "on"},  # no password nor code
        {"code": "123456", "understood": "on"},  # no code was sent
    ],
)
def test_a_deletion_without_the_confirmation_changes_nothing(client, two_people, data):
    lan, _minh, lan_order, _ = two_people
    client.force_login(lan)
    response = client.post("/en/account/data/delete/", data)
    assert response.status_code == 400
    lan.refresh_from_db()
    assert lan.is_active and lan.email == "lan@example.com"
    assert Order.objects.get(pk=lan_order.pk).phone == LAN_PHONE
    assert AccountPhone.objects.filter(user=lan).exists()
    assert not DataRequest.objects.exists()


def test_a_failure_halfway_through_deletion_leaves_everything_as_it_was(client, two_people):
    lan, _minh, lan_order, _ = two_people
    client.force_login(lan)
    with (
        mock.patch("accounts.data_rights._deidentify", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        client.post("/en/account/data/delete/", {"password": PASSWORD, "understood": "on"})
    assert Order.objects.get(pk=lan_order.pk).phone == LAN_PHONE
    assert Address.objects.filter(user=lan).exists() and Review.objects.get(user=lan).author_name == "Givenlan"
    assert not DataRequest.objects.exists()


def test_an_account_without_a_password_confirms_with_a_code_sent_to_its_e_mail(client, two_people):
    lan = two_people[0]
    lan.set_unusable_password()
    lan.save()
    client.force_login(lan)
    page = client.get("/en/account/data/").content.decode()
    assert 'name="password"' not in page and "Send me a code" in page
    client.post("/en/account/data/delete/code/")
    code = next(word.strip(".") for word in mail.outbox[-1].body.split() if word.strip(".").isdigit())
    assert client.post("/en/account/data/delete/", {"code": "000000", "understood": "on"}).status_code == 400
    if code != "000000":
        assert get_user_model().objects.get(pk=lan.pk).is_active
    response = client.post("/en/account/data/delete/", {"code": code, "understood": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.get(pk=lan.pk).is_active


def test_sign_ins_are_recorded_with_their_channel(client, shopper):
    client.post("/en/account/login/", {"login": "lan@example.com", "password": PASSWORD})
    assert list(SignIn.objects.filter(user=shopper).values_list("channel", flat=True)) == ["password"]
