"""Consents: recorded at sign-up, checkout and board posting with the policy version in force
(and still that version after a new one is published), no box ticked in advance, withdrawal
effective at once and registered, bad input changing nothing."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.consents import Channel, Purpose, has_consent, record_consent
from accounts.models import Consent, DataRequest, DataRequestKind
from orders.models import Order
from portal.policies import PolicyKind
from tests.portal.test_policies import make_policy, republish
from tests.trade.test_expiry_and_moderation import offer_form

from .conftest import PASSWORD, checkout_data, place

pytestmark = pytest.mark.django_db


class Checkboxes(HTMLParser):
    """Every checkbox of a page: name → whether it is ticked."""

    def __init__(self):
        super().__init__()
        self.boxes: dict[str, bool] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "checkbox":
            self.boxes[attrs.get("name")] = "checked" in attrs


def checkboxes(html: str) -> dict[str, bool]:
    parser = Checkboxes()
    parser.feed(html)
    return parser.boxes


@pytest.fixture
def policies(site_pages):
    home, _en = site_pages
    return {kind: make_policy(home, kind, title=f"Policy {kind}") for kind in PolicyKind.values}


def test_no_consent_box_is_ticked_in_advance_on_any_form(client, shop, policies, categories, business):
    signup = client.get("/vi/account/signup/").content.decode()
    assert checkboxes(signup) == {"accept_policies": False, "marketing_email": False}
    client.post("/vi/cart/add/", {"variant": shop.variant_a.pk, "quantity": 1})
    checkout = checkboxes(client.get("/vi/checkout/").content.decode())
    assert checkout["accept_policies"] is False and checkout["marketing_email"] is False
    assert not any(checkout.values())
    seller, _producer = business
    client.force_login(seller)
    post_form = checkboxes(client.get("/vi/trade/offers/new/").content.decode())
    assert post_form["accept_policies"] is False and not any(post_form.values())


def test_the_checkout_box_links_to_the_terms_of_sale_and_the_privacy_policy(client, shop, policies):
    client.post("/en/cart/add/", {"variant": shop.variant_a.pk, "quantity": 1})
    html = client.get("/vi/checkout/").content.decode()
    label = re.search(r'<label for="id_accept_policies">(.*?)</label>', html, re.S).group(1)
    assert policies[PolicyKind.TERMS_OF_SALE].url in label and policies[PolicyKind.PRIVACY].url in label


def test_checkout_without_accepting_the_policies_places_no_order(client, shop, policies):
    client.post("/vi/cart/add/", {"variant": shop.variant_a.pk, "quantity": 1})
    response = client.post("/vi/checkout/", checkout_data(client, accept_policies=""))
    assert response.status_code == 200
    assert not Order.objects.exists() and not Consent.objects.exists()


def test_a_guest_order_records_its_consents_with_the_versions_in_force(client, shop, policies):
    order = place(client, shop, marketing_email="on")
    recorded = {(c.purpose, c.policy_kind): c for c in Consent.objects.filter(order=order)}
    assert set(recorded) == {
        (Purpose.ORDER, PolicyKind.TERMS_OF_SALE),
        (Purpose.ORDER, PolicyKind.PRIVACY),
        (Purpose.MARKETING_EMAIL, PolicyKind.PRIVACY),
    }
    privacy = recorded[(Purpose.ORDER, PolicyKind.PRIVACY)]
    assert privacy.user is None and privacy.channel == Channel.CHECKOUT and privacy.language == "vi"
    assert privacy.policy_version == policies[PolicyKind.PRIVACY].versions.get() and privacy.policy_number == "1"


def test_marketing_e_mail_is_only_recorded_when_its_box_is_ticked(client, shop, policies):
    order = place(client, shop)
    assert not Consent.objects.filter(order=order, purpose=Purpose.MARKETING_EMAIL).exists()


def test_the_version_accepted_stays_in_the_record_after_a_new_version_is_published(client, shopper, policies):
    first = record_consent(user=shopper, purpose=Purpose.ACCOUNT, channel=Channel.SIGNUP)
    republish(policies[PolicyKind.PRIVACY], new_version=True, body="<p>Version two.</p>")
    second = record_consent(user=shopper, purpose=Purpose.MARKETING_EMAIL, channel=Channel.ACCOUNT_PAGE)
    first.refresh_from_db()
    assert (first.policy_number, first.policy_version.number) == ("1", 1)
    assert (second.policy_number, second.policy_version.number) == ("2", 2)
    client.force_login(shopper)
    page = client.get("/en/account/data/").content.decode()
    assert "version 1" in page and "version 2" in page
    assert first.policy_version.get_url() in page


def test_sign_up_records_the_account_consent(client, policies):
    response = client.post(
        "/en/account/signup/",
        {"email": "an@example.com", "password1": PASSWORD, "password2": PASSWORD, "accept_policies": "on"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="an@example.com")
    consent = Consent.objects.get(user=user)
    assert (consent.purpose, consent.channel, consent.policy_kind) == (Purpose.ACCOUNT, Channel.SIGNUP, "privacy")
    assert consent.policy_version == policies[PolicyKind.PRIVACY].versions.get()


def test_sign_up_without_the_box_creates_no_account(client, policies):
    response = client.post(
        "/en/account/signup/", {"email": "an@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(email="an@example.com").exists() and not Consent.objects.exists()


def test_a_board_post_records_the_operating_rules_and_privacy_consents(client, policies, categories, business):
    seller, _producer = business
    client.force_login(seller)
    assert client.post("/en/trade/offers/new/", offer_form(categories["crafts"])).status_code == 302
    kinds = set(Consent.objects.filter(user=seller, purpose=Purpose.BOARD_POST).values_list("policy_kind", flat=True))
    assert kinds == {PolicyKind.OPERATING_RULES, PolicyKind.PRIVACY}
    response = client.post("/en/trade/offers/new/", offer_form(categories["crafts"], accept_policies=""))
    assert response.status_code == 200 and Consent.objects.filter(user=seller).count() == 2


def test_withdrawing_marketing_e_mail_is_effective_at_once_registered_and_acknowledged(
    client, shopper, policies, django_capture_on_commit_callbacks
):
    record_consent(user=shopper, purpose=Purpose.MARKETING_EMAIL, channel=Channel.ACCOUNT_PAGE)
    client.force_login(shopper)
    assert has_consent(shopper, Purpose.MARKETING_EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/vi/account/data/consents/withdraw/", {"purpose": Purpose.MARKETING_EMAIL})
    assert response.status_code == 302
    assert not has_consent(shopper, Purpose.MARKETING_EMAIL)
    entry = DataRequest.objects.get()
    assert (entry.kind, entry.purpose, entry.user) == (DataRequestKind.WITHDRAW, Purpose.MARKETING_EMAIL, shopper)
    assert [m.to for m in mail.outbox] == [["lan@example.com"]]
    assert "Rút lại" in mail.outbox[0].body or "rút lại" in mail.outbox[0].subject.lower()
    # Given again from the page, as a new record.
    client.post("/vi/account/data/consents/give/", {"purpose": Purpose.MARKETING_EMAIL})
    assert has_consent(shopper, Purpose.MARKETING_EMAIL)
    assert Consent.objects.filter(user=shopper, purpose=Purpose.MARKETING_EMAIL).count() == 2


def test_a_guest_consent_is_withdrawn_once_the_order_is_the_account_s(client, shop, shopper, policies):
    order = place(client, shop, marketing_email="on")
    Order.objects.filter(pk=order.pk).update(user=shopper)  # claimed with the verified phone
    client.force_login(shopper)
    client.post("/en/account/data/consents/withdraw/", {"purpose": Purpose.MARKETING_EMAIL})
    assert not Consent.objects.filter(order=order, purpose=Purpose.MARKETING_EMAIL, withdrawn_at__isnull=True).exists()


@pytest.mark.parametrize("purpose", ["account", "order", "nonsense", ""])
def test_only_a_withdrawable_purpose_can_be_withdrawn(client, shopper, purpose):
    record_consent(user=shopper, purpose=Purpose.ACCOUNT, channel=Channel.SIGNUP)
    client.force_login(shopper)
    client.post("/en/account/data/consents/withdraw/", {"purpose": purpose})
    assert Consent.objects.get().withdrawn_at is None and not DataRequest.objects.exists()
