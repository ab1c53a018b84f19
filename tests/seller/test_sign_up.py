"""Applying to sell from the workspace's start page; once approved, the business lands in its workspace."""

import pytest

from catalogue.models import ApplicationStatus, BusinessApplication
from catalogue.onboarding import onboard_business
from tests.factories.catalogue import identity_fields

pytestmark = pytest.mark.django_db


def application_data(**extra):
    return {
        "business_name": "HTX Bưởi Luận Văn",
        "business_name_en": "Luan Van Pomelo Co-op",
        "business_type": "cooperative",
        "contact_name": "Lê Thị Hoa",
        "email": "hoa@example.com",
        "phone": "0912345678",
        "summary": "Bưởi Luận Văn",
        **{f"legal-{name}": value for name, value in identity_fields().items()},
        "accept_rules": "on",
        **extra,
    }


def test_start_page_offers_sign_in_and_applying(client, site_pages):
    text = client.get("/vi/seller/sign-in/").content.decode()
    assert "/vi/seller/apply/" in text and 'name="password"' in text


def test_a_business_applies_from_the_workspace_and_once_approved_lands_in_it_with_first_steps(
    client, indexes, moderator
):
    response = client.post("/en/seller/apply/", application_data())
    assert response.status_code == 200 and "Application sent" in response.content.decode()
    application = BusinessApplication.objects.get(email="hoa@example.com")
    assert application.status == ApplicationStatus.PENDING
    onboard_business(application, moderator)
    application.refresh_from_db()
    user = application.user
    user.set_password("changeme")
    user.save()
    response = client.post("/en/seller/sign-in/", {"username": user.username, "password": "changeme"})
    assert response["Location"] == "/en/seller/"
    today = client.get("/en/seller/").content.decode()
    assert "First steps" in today and "Add a product" in today and "Record a batch" in today
    assert "Print labels" in today


def test_an_incomplete_application_is_a_400_and_nothing_is_stored(client, site_pages):
    before = BusinessApplication.objects.count()  # demo businesses may be loaded in this session
    response = client.post("/vi/seller/apply/", application_data(email="not-an-address"))
    assert response.status_code == 400
    assert BusinessApplication.objects.count() == before
