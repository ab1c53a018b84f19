"""Production: secrets are required, HTTPS everywhere, static files hashed."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool, env_int

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")


def weak_secret_key(key: str) -> bool:
    """Django's own test (security.W009: under 50 characters, under 5 distinct ones, or the
    `django-insecure-` prefix startproject writes) plus our development default. Django only
    warns, in `check --deploy`; production refuses to start."""
    return len(key or "") < 50 or len(set(key)) < 5 or key.startswith(("django-insecure-", "dev-only"))


if weak_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is missing or weak: production needs a random value of at least 50 characters "
        "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

# Accounts still on the demo password (`load_demo` outside production) cannot sign in here.
_model_backend = AUTHENTICATION_BACKENDS.index("django.contrib.auth.backends.ModelBackend")  # noqa: F405
AUTHENTICATION_BACKENDS = [
    *AUTHENTICATION_BACKENDS[:_model_backend],  # noqa: F405
    "portal.production_auth.RefuseDemoPasswordBackend",
    *AUTHENTICATION_BACKENDS[_model_backend:],  # noqa: F405
]

# Signs each batch's chain head (traceability.signing): never derived, never in the database.
TRACE_SIGNING_KEY = env("TRACE_SIGNING_KEY")
TRACE_SIGNING_KEY_REQUIRED = True

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": STORAGES["private"],  # noqa: F405 — licence scans (base.py)
}
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
