import pytest

pytestmark = pytest.mark.django_db


def test_admin_sign_in_locks_after_repeated_failures(client, settings, django_user_model):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    django_user_model.objects.create_user("thu", password="right-password-123", is_staff=True)
    for _ in range(3):
        client.post("/admin/login/", {"username": "thu", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "thu", "password": "right-password-123"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_correct_password_signs_in_before_the_limit(client, settings, django_user_model):
    settings.AXES_ENABLED = True
    django_user_model.objects.create_user("lan", password="right-password-123", is_staff=True)
    client.post("/admin/login/", {"username": "lan", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "lan", "password": "right-password-123"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]
