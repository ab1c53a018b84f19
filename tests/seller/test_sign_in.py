"""After signing in, a business lands in its workspace; province staff keep the admin."""

import pytest

pytestmark = pytest.mark.django_db


def sign_in(client, url, username, **extra):
    return client.post(url, {"username": username, "password": "changeme", **extra})


def test_business_signing_in_at_the_admin_is_sent_to_its_workspace(client, seller):
    response = sign_in(client, "/admin/login/", "htx-a")
    assert response.status_code == 302
    assert response["Location"] == "/en/seller/"  # the business user's preferred language


def test_moderator_signing_in_at_the_admin_stays_in_the_admin(client, moderator):
    response = sign_in(client, "/admin/login/", "mod")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_an_explicit_next_is_honoured_so_a_business_can_still_reach_its_pages_in_the_admin(client, seller):
    producer = seller[1]
    target = f"/admin/pages/{producer.pk}/"
    response = sign_in(client, f"/admin/login/?next={target}", "htx-a", next=target)
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_workspace_start_page_signs_a_business_in_to_today(client, seller):
    assert client.get("/vi/seller/sign-in/").status_code == 200
    response = sign_in(client, "/vi/seller/sign-in/", "htx-a")
    assert response["Location"] == "/vi/seller/"
    assert client.get("/vi/seller/sign-in/")["Location"] == "/vi/seller/"


def test_workspace_start_page_refuses_a_wrong_password(client, seller):
    response = client.post("/vi/seller/sign-in/", {"username": "htx-a", "password": "wrong"})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_workspace_start_page_does_not_send_a_buyer_into_the_workspace(client, buyer, site_pages):
    response = sign_in(client, "/en/seller/sign-in/", "buyer")
    assert response["Location"] == "/en/"
