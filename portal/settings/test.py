"""Test settings: the same apps; PostgreSQL comes from DATABASE_URL (make test starts it)."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests that exercise the lockout switch it on for themselves.
AXES_ENABLED = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
# The response cache and the fragment caches are on, as in production (base.py); every test
# starts with an empty cache (tests/conftest.py).
# Many requests come from one address in tests; the rate-limit tests switch it on.
RATELIMIT_ENABLED = False
# Resizing every demo picture eight times would slow every load_demo; one test turns it on.
RENDITIONS_AHEAD_OF_TIME = False
# Buffered scans and page views are written by the test itself: a timer thread would write
# them on its own connection, outside the test's transaction. One test turns it on.
BUFFER_TIMER = False
