"""Production refuses to start with a weak secret key and refuses the demo password at sign-in."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


def _production(code: str, secret_key: str | None):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_ALLOWED_HOSTS": "xuthanh.example",
        "TRACE_SIGNING_KEY": secrets.token_urlsafe(32),
    }
    env.pop("DJANGO_SECRET_KEY", None)
    if secret_key is not None:
        env["DJANGO_SECRET_KEY"] = secret_key
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from django.conf import settings; {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "key",
    [
        "short-but-random-3f9a",  # what production used to accept with only a warning
        "django-insecure-" + secrets.token_urlsafe(50),  # startproject's placeholder
        "ab" * 40,  # long, but two distinct characters
        "dev-only-insecure-key-change-me-in-production",  # our development default
    ],
    ids=["short", "startproject-placeholder", "two-characters", "development-default"],  # alike in every xdist worker
)
def test_production_refuses_to_start_with_a_weak_secret_key(key):
    result = _production("print(settings.SECRET_KEY)", key)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr and "50 characters" in result.stderr


def test_production_starts_with_a_long_random_secret_key():
    key = secrets.token_urlsafe(50)
    result = _production("print(settings.SECRET_KEY)", key)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith(key)


@pytest.fixture(scope="module")
def production_backends():
    result = _production("import json; print(json.dumps(settings.AUTHENTICATION_BACKENDS))", secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def _sign_in(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_production_refuses_sign_in_with_the_demo_password(client, django_user_model, production_backends):
    user = django_user_model.objects.create_user("nem-chua-vi-thanh", password="changeme", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    with override_settings(AUTHENTICATION_BACKENDS=production_backends):
        response = _sign_in(client, "nem-chua-vi-thanh", "changeme")
        assert "_auth_user_id" not in client.session
        assert any("demo password" in str(m) for m in response.context["messages"]) or (
            "mật khẩu mẫu" in response.content.decode()
        )
        # The same account with a password of its own signs in.
        user.set_password("muoi-ba-ngay-thang-chin")
        user.save()
        _sign_in(client, "nem-chua-vi-thanh", "muoi-ba-ngay-thang-chin")
        assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_development_settings_still_accept_the_demo_sign_ins(client, django_user_model):
    user = django_user_model.objects.create_user("nem-chua-vi-thanh", password="changeme", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    _sign_in(client, "nem-chua-vi-thanh", "changeme")
    assert client.session["_auth_user_id"] == str(user.pk)
