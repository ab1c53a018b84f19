"""Seller identity: collected with the application, verified by a moderator before approval,
shown on product and producer pages, private licence scans, back on the queue when changed."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Consent
from catalogue.identity import NO_PROVIDER_MESSAGE, ProviderAnswer
from catalogue.models import ApplicationStatus, BusinessApplication, SellerIdentity, SellerLicence, VerificationStatus
from tests.factories.catalogue import BusinessApplicationFactory, give_identity, identity_fields, make_product

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _application_data(**identity):
    return {
        "business_name": "Cơ sở Rượu Làng Quỳnh",
        "business_type": "household",
        "contact_name": "Lê Văn Quỳnh",
        "email": "ruou@example.com",
        "phone": "0912 345 678",
        "summary": "Rượu gạo",
        "ward_code": "",
        **{f"legal-{name}": value for name, value in identity_fields(**identity).items()},
        "accept_rules": "on",
    }


def test_the_application_keeps_identity_licence_scan_and_the_accepted_operating_rules(client, site_pages):
    data = _application_data(legal_form="household", tax_code="2800 1234 52")
    data.update(
        {
            "licence-kind": "alcohol_production",
            "licence-number": "12/GP-SCT",
            "licence-issuer": "Sở Công Thương Thanh Hóa",
            "licence-valid_until": (timezone.localdate() + datetime.timedelta(days=365)).isoformat(),
            "licence-scan": SimpleUploadedFile("giay-phep.pdf", PDF, content_type="application/pdf"),
        }
    )
    response = client.post(reverse("catalogue:signup"), data)
    assert response.status_code == 302
    identity = BusinessApplication.objects.get(email="ruou@example.com").identity
    assert (identity.legal_form, identity.tax_code, identity.status) == ("household", "2800123452", "unverified")
    licence = identity.licences.get()
    assert licence.kind == "alcohol_production" and licence.scan.read() == PDF
    assert licence.scan.storage is not default_storage  # the private storage, never the public media
    assert not default_storage.exists(licence.scan.name)
    consent = Consent.objects.get(purpose="seller_application")
    assert (consent.channel, consent.policy_kind) == ("application", "operating_rules")
    assert "ruou@example.com" in consent.subject_label


def test_the_operating_rules_box_is_not_ticked_and_must_be_ticked(client, site_pages):
    form = client.get(reverse("catalogue:signup")).content.decode()
    box = form[form.index('name="accept_rules"') - 80 : form.index('name="accept_rules"') + 80]
    assert "checked" not in box
    data = _application_data()
    del data["accept_rules"]
    assert client.post(reverse("catalogue:signup"), data).status_code == 400
    assert not BusinessApplication.objects.filter(email="ruou@example.com").exists()


@pytest.mark.parametrize("bad", ["2800123453", "12345", "28001234520", "2800123452-000"])
def test_a_bad_tax_code_is_refused_and_nothing_is_saved(client, site_pages, bad):
    response = client.post(reverse("catalogue:signup"), _application_data(tax_code=bad))
    assert response.status_code == 400
    assert "tax_code" in response.context["application"].identity.errors
    assert not BusinessApplication.objects.exists() and not SellerIdentity.objects.exists()


def test_a_branch_tax_code_of_13_digits_is_accepted(client, site_pages):
    assert client.post(reverse("catalogue:signup"), _application_data(tax_code="0100109106001")).status_code == 302
    assert SellerIdentity.objects.get().tax_code == "0100109106-001"


@pytest.mark.parametrize(
    "name, content",
    [("scan.pdf", b"\x89PNG\r\n\x1a\nnot a pdf"), ("scan.exe", b"MZ\x90\x00"), ("scan.html", b"<script>")],
)
def test_a_licence_scan_must_be_a_pdf_or_a_picture(client, site_pages, name, content):
    data = _application_data()
    data.update(
        {
            "licence-kind": "alcohol_trade",
            "licence-number": "1",
            "licence-issuer": "UBND",
            "licence-scan": SimpleUploadedFile(name, content),
        }
    )
    assert client.post(reverse("catalogue:signup"), data).status_code == 400
    assert not SellerLicence.objects.exists() and not BusinessApplication.objects.exists()


def test_approval_is_refused_until_a_moderator_verifies_the_identity(client, indexes, moderator):
    application = BusinessApplicationFactory()
    identity = give_identity(application=application)
    client.force_login(moderator)
    approve = reverse("catalogue_business_applications:approve", args=[application.pk])
    response = client.post(approve)
    with translation.override("en"):
        messages = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Verify the business's identity" in messages
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING and application.producer is None

    check = reverse("catalogue_identities:check", args=[identity.pk])
    page = client.get(check)
    with translation.override("en"):  # the moderator's admin language
        assert str(NO_PROVIDER_MESSAGE) in page.content.decode()
    assert client.post(check, {"decision": "verify"}).status_code == 302
    identity.refresh_from_db()
    assert identity.status == VerificationStatus.VERIFIED and identity.verified_by == moderator
    assert identity.verified_at is not None

    assert client.post(approve).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    identity.refresh_from_db()
    assert identity.business_id == application.producer_id


def test_a_rejection_needs_a_reason_which_is_kept(client, indexes, moderator):
    identity = give_identity(application=BusinessApplicationFactory())
    client.force_login(moderator)
    check = reverse("catalogue_identities:check", args=[identity.pk])
    assert client.post(check, {"decision": "reject", "reason": ""}).status_code == 200
    client.post(check, {"decision": "reject", "reason": "Giấy đăng ký không khớp tên."})
    identity.refresh_from_db()
    assert identity.status == VerificationStatus.REJECTED
    assert identity.rejection_reason == "Giấy đăng ký không khớp tên."


class AlwaysMatches:
    name = "Test provider"

    def check(self, identity):
        return ProviderAnswer(matches=True, detail=f"{identity.tax_code} found")


def test_a_configured_provider_answers_on_the_check_page(client, indexes, moderator, settings):
    settings.IDENTITY_VERIFICATION_PROVIDER = "tests.catalogue.test_seller_identity.AlwaysMatches"
    identity = give_identity(application=BusinessApplicationFactory())
    client.force_login(moderator)
    page = client.get(reverse("catalogue_identities:check", args=[identity.pk])).content.decode()
    assert "Test provider" in page and f"{identity.tax_code} found" in page
    with translation.override("en"):
        assert str(NO_PROVIDER_MESSAGE) not in page


def test_a_business_cannot_open_another_business_licence_scan_or_identity(client, businesses, moderator):
    (user_a, producer_a, _en_a), (user_b, producer_b, _en_b) = businesses
    identity_a = give_identity(business=producer_a, legal_name="HTX A trong luật")
    licence = SellerLicence.objects.create(
        identity=identity_a,
        kind="alcohol_trade",
        number="9",
        issuer="UBND",
        scan=SimpleUploadedFile("a.pdf", PDF),
    )
    give_identity(business=producer_b, legal_name="HTX B trong luật")
    scan_url = reverse("seller:seller_licence_scan", args=[licence.pk])

    client.force_login(user_b)
    assert client.get(scan_url).status_code == 404
    screen = client.get(reverse("seller:seller_identity")).content.decode()
    assert "HTX B trong luật" in screen and "HTX A trong luật" not in screen
    admin_scan = client.get(reverse("catalogue_identities:licence_scan", args=[licence.pk]), follow=True)
    assert admin_scan.status_code == 404 and PDF not in admin_scan.content

    client.force_login(user_a)
    response = client.get(scan_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF


def test_changing_a_legal_field_puts_the_identity_back_before_the_moderators(client, businesses, moderator):
    user, producer, _en = businesses[0]
    identity = give_identity(business=producer, moderator=moderator)
    fields = {f"legal-{name}": value for name, value in identity_fields().items()}
    client.force_login(user)
    url = reverse("seller:seller_identity")
    client.post(url, {"part": "identity", **fields})  # nothing changed
    identity.refresh_from_db()
    assert identity.status == VerificationStatus.VERIFIED
    client.post(url, {"part": "identity", **fields, "legal-registered_address": "Số 1 Lê Lợi, Thanh Hóa"})
    identity.refresh_from_db()
    assert identity.status == VerificationStatus.UNVERIFIED and identity.verified_by is None
    assert identity.registered_address == "Số 1 Lê Lợi, Thanh Hóa"
    assert SellerIdentity.objects.awaiting_check().filter(pk=identity.pk).exists()


def test_product_and_producer_pages_show_the_seller_and_its_changes_on_the_next_request(
    client, businesses, category, moderator, django_capture_on_commit_callbacks
):
    user, producer, en_producer = businesses[0]
    product = make_product(producer, title="Nước mắm cốt", category=category[0])
    give_identity(business=producer, moderator=moderator, legal_name="HTX Nước mắm A (pháp nhân)")
    for url in (product.url, producer.url):
        body = client.get(url).content.decode()
        assert "HTX Nước mắm A (pháp nhân)" in body and "2807000123" in body
    fields = {f"legal-{name}": value for name, value in identity_fields().items()}
    seller = client.__class__()
    seller.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        seller.post(
            reverse("seller:seller_identity"),
            {"part": "identity", **fields, "legal-legal_name": "HTX Nước mắm A mới"},
        )
    for url in (product.url, producer.url, en_producer.url):
        body = client.get(url).content.decode()
        assert "HTX Nước mắm A mới" in body and "HTX Nước mắm A (pháp nhân)" not in body
