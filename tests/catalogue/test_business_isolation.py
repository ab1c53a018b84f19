"""Two businesses in the admin: each sees and edits only its own producer and products."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from catalogue.identity import verify_identity
from catalogue.models import ApplicationStatus, BusinessApplication, ProducerPage
from tests.factories.catalogue import identity_fields, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def products(businesses):
    (_ua, producer_a, _ea), (_ub, producer_b, _eb) = businesses
    return make_product(producer_a, title="Nước mắm A"), make_product(producer_b, title="Chiếu cói B")


def test_onboarding_gives_the_group_add_and_change_but_not_publish_on_its_subtree(businesses):
    (user_a, producer_a, en_a), _b = businesses
    group = BusinessApplication.objects.get(producer=producer_a).group
    assert set(user_a.groups.all()) == {group}
    perms = set(GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename"))
    assert perms == {
        (producer_a.pk, "add_page"),
        (producer_a.pk, "change_page"),
        (en_a.pk, "add_page"),
        (en_a.pk, "change_page"),
    }
    assert user_a.has_perm("wagtailadmin.access_admin")


def test_explorer_lists_only_the_users_own_producer(client, indexes, businesses):
    (user_a, producer_a, _), (_ub, producer_b, _) = businesses
    client.force_login(user_a)
    response = client.get(reverse("wagtailadmin_explore", args=[indexes["producers"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert producer_a.title in html
    assert producer_b.title not in html


def test_business_can_open_its_own_product(client, businesses, products):
    (user_a, _, _), _b = businesses
    client.force_login(user_a)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[products[0].pk])).status_code == 200


@pytest.mark.parametrize("target", ["producer", "product"])
def test_editing_another_business_page_is_refused_and_logged(client, caplog, businesses, products, target):
    (user_a, _, _), (_ub, producer_b, _) = businesses
    page = producer_b if target == "producer" else products[1]
    client.force_login(user_a)
    with caplog.at_level(logging.WARNING, logger="xuthanh.security"):
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    _assert_refused(response)
    refusals = [r for r in caplog.records if r.name == "xuthanh.security"]
    assert refusals and "htx-a" in refusals[0].getMessage()
    assert f"/pages/{page.pk}/edit/" in refusals[0].getMessage()


def _assert_refused(response):
    """Wagtail refuses with a redirect to the dashboard and "permission denied" (or a 403)."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    else:
        assert response.status_code == 403


def test_posting_to_another_business_page_changes_nothing(client, businesses, products):
    (user_a, _, _), _b = businesses
    other = products[1]
    client.force_login(user_a)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[other.pk]), {"title": "Hijacked"})
    _assert_refused(response)
    other.refresh_from_db()
    assert other.title == "Chiếu cói B"


def test_adding_a_product_under_another_producer_is_refused(client, businesses):
    (user_a, _, _), (_ub, producer_b, _) = businesses
    client.force_login(user_a)
    url = reverse("wagtailadmin_pages:add", args=["catalogue", "productpage", producer_b.pk])
    _assert_refused(client.get(url))


def test_signup_then_moderator_approval_creates_producer_group_and_sign_in(client, indexes, moderator):
    response = client.post(
        reverse("catalogue:signup"),
        {
            "business_name": "Hợp tác xã Bánh gai Tứ Trụ",
            "business_name_en": "Tu Tru Leaf Cake Cooperative",
            "business_type": "cooperative",
            "contact_name": "Lê Thị Thắm",
            "email": "banhgai@example.com",
            "phone": "0912 345 678",
            "summary": "Bánh gai Tứ Trụ",
            "ward_code": "",
            **{f"legal-{name}": value for name, value in identity_fields().items()},
            "accept_rules": "on",
        },
    )
    assert response.status_code == 302
    application = BusinessApplication.objects.get(email="banhgai@example.com")
    verify_identity(application.identity, moderator)
    assert application.status == ApplicationStatus.PENDING
    assert not ProducerPage.objects.filter(title=application.business_name).exists()

    client.force_login(moderator)
    url = reverse("catalogue_business_applications:approve", args=[application.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    producer = application.producer
    assert producer.live and producer.slug == "hop-tac-xa-banh-gai-tu-tru"
    en = producer.get_translation(indexes["en_producers"].locale)
    assert en.title == "Tu Tru Leaf Cake Cooperative"
    assert application.user.email == "banhgai@example.com"
    assert application.group in application.user.groups.all()
    assert not application.user.has_usable_password()


def test_signup_with_bad_input_is_refused_without_saving(client, site_pages):
    before = BusinessApplication.objects.count()  # demo businesses may be loaded in this session
    response = client.post(reverse("catalogue:signup"), {"business_name": "", "email": "not-an-email"})
    assert response.status_code == 400
    assert BusinessApplication.objects.count() == before


def test_business_user_cannot_approve_applications(client, businesses, caplog):
    (user_a, _, _), _b = businesses
    application = BusinessApplication.objects.create(
        business_name="X", business_type="household", contact_name="Y", email="x@example.com", phone="0912345678"
    )
    client.force_login(user_a)
    with caplog.at_level(logging.WARNING, logger="xuthanh.security"):
        response = client.post(reverse("catalogue_business_applications:approve", args=[application.pk]))
    assert response.status_code in (302, 403)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING
    assert Group.objects.filter(name__startswith="Business: x").count() == 0


def test_admin_home_shows_a_business_no_site_wide_counts(client, businesses, moderator):
    user, _vi, _en = businesses[0]
    client.force_login(user)
    assert "w-summary__list" not in client.get("/admin/").content.decode()
    client.force_login(moderator)
    assert "w-summary__list" in client.get("/admin/").content.decode()
