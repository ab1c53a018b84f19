"""Baseline 1: the smallest Django project — one view returning a short string."""

SECRET_KEY = "bench-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.trivial.urls"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_TZ = True
