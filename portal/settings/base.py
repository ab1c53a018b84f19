"""Settings shared by every environment.

Every deployment value is read from the environment here, in one place, with a safe
development default; dev/test/production only change what differs.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

PORTAL_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PORTAL_DIR.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# --- Core -------------------------------------------------------------------------------

SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The public address of the site: QR codes and e-mails carry absolute links built from it.
SITE_BASE_URL = env("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAIL_SITE_NAME = env("SITE_NAME", "Xứ Thanh")

INSTALLED_APPS = [
    # Our apps first so their templates and translations win.
    "portal",
    "catalogue",
    "tourism",
    "traceability",
    "orders",
    "trade",
    "search",
    "dashboards",
    "seller",
    "accounts",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "allauth",
    "allauth.account",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # /healthz before anything that needs the database, Redis or HTTPS (portal/health.py).
    "portal.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Answers anonymous page views and trace-page scans from the cache before anything else runs.
    "portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The header's cart badge reads a cookie that the cart's own requests set (orders.cart).
    "orders.cart.CartCountCookieMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "catalogue.security.AdminRefusalLogMiddleware",
    # A moderator's workflow approval refused for a missing licence or a takedown: a message, not a 500.
    "catalogue.publishing.RefusedPublishMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's middleware with the admin's own policy under /admin/ (portal/csp.py).
    "portal.csp.SiteCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, so that a locked-out sign-in is answered before anything else runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site_chrome",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound by the server, so that psycopg prepares a statement once it has run
    # DATABASE_PREPARE_THRESHOLD times on a connection: later runs skip parsing and planning,
    # which cost more than running most of a page's small statements (the "nearby" panel's
    # statements: 1 ms of planning, 0.2 ms of execution). Django leaves this off for the sake
    # of connection poolers that cannot keep prepared statements: with one, set it to "off".
    threshold = env("DATABASE_PREPARE_THRESHOLD", "5")
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "server_side_binding": threshold != "off",
        "prepare_threshold": None if threshold == "off" else int(threshold),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    # Shared by every app server: pages, fragments and their invalidation, rate limits, the
    # sign-in lockout. Redis failures are cache misses, not errors (portal/redis_cache.py).
    CACHES = {
        "default": {
            "BACKEND": "portal.redis_cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # Each process's own memory. Django's default of 300 entries holds the pages and fragments
    # of a few dozen pages at most; past the limit a third of the entries is dropped.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "xuthanh",
            "OPTIONS": {"MAX_ENTRIES": env_int("LOCAL_CACHE_ENTRIES", 3000)},
        }
    }

# A caching proxy in front (deploy/nginx): a publish or unpublish purges the page's URL there,
# through the task worker (wagtail.contrib.frontend_cache's HTTP backend: PURGE to this address).
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")  # without a proxy it would only queue no-op tasks
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
    # Each translation is a page of its own, published (and purged) by itself.
    WAGTAILFRONTENDCACHE_LANGUAGES = []

# Set when a proxy we run puts the client's address in X-Forwarded-For (rate limits, scan log).
USE_X_FORWARDED_FOR = env_bool("USE_X_FORWARDED_FOR", False)

# Rate limits (portal/ratelimit.py). `make bench` turns them off: its load comes from one address.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)

# The anonymous response cache (portal/page_cache.py); 0 turns it off. It looks only at
# pages (under a language prefix) and the trace page (/t/…, GS1 Digital Link /01/…).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_PATH_PREFIXES = ("/vi/", "/en/", "/t/", "/01/")
# Timeout of the templates' {% wagtailcache %} fragments, keyed on what each shows (cache_key,
# stock_version, listing_version, shell_version, sections_version); 0 turns them off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 600)

# django-tasks: immediate by default; production sets TASKS_BACKEND to the database backend
# and runs `manage.py db_worker` and `manage.py schedule` (deploy/).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}
# Scans and page views wait in Redis (REDIS_URL) or in memory and are written in bulk
# (portal/buffers.py); a timer thread in each process writes them when due even while idle.
BUFFER_TIMER = env_bool("BUFFER_TIMER", True)
# `manage.py schedule` (portal/management/commands/schedule.py): seconds between runs.
SCHEDULE_PERIODS = {
    "expire_unpaid_orders": env_int("SCHEDULE_EXPIRE_UNPAID_ORDERS_SECONDS", 300),
    "close_expired_posts": env_int("SCHEDULE_CLOSE_EXPIRED_POSTS_SECONDS", 3600),
    "escalate_complaints": env_int("SCHEDULE_ESCALATE_COMPLAINTS_SECONDS", 3600),
    "flush_buffers": env_int("SCHEDULE_FLUSH_BUFFERS_SECONDS", 5),
}

# --- People -----------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Shoppers and buyers sign in with their e-mail address or phone number (accounts/).
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
# Lock a (sign-in name, address) pair: sign-in names are public slugs, so a lock on the name
# alone let anyone lock any business out. The address is the one our rate limits use.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "portal.ratelimit.axes_client_ip"
# The account sign-in names the person by e-mail or phone, not by a username field.
AXES_USERNAME_CALLABLE = "accounts.adapter.axes_username"
# With Redis the failure counts live in the shared cache, like the rate limits.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler" if REDIS_URL else "axes.handlers.database.AxesDatabaseHandler"

# Shoppers' and buyers' accounts (django-allauth, accounts/): one kind of account, signed up with a
# phone number or an e-mail address (at least one), each verified: e-mail by a link, phone by a code
# sent by SMS (accounts.tasks.send_sms: written to the log while no SMS provider is configured).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email", "phone", "username"}
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True  # a phone-only account gets back in with a code by SMS
# Codes by text message or e-mail: six digits, easy to type on a phone.
ALLAUTH_USER_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_BASE_URL.startswith("https") else "http"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{WAGTAIL_SITE_NAME}] "
SMS_PROVIDER = env("SMS_PROVIDER")  # none yet: codes go to the log
LOGIN_REDIRECT_URL = "accounts:home"
# The signup form requires a phone or an e-mail address (accounts.forms), which allauth's check cannot see.
SILENCED_SYSTEM_CHECKS = ["account.W001"]

# --- Place ----------------------------------------------------------------------------

# The province this deployment serves (vietnam-provinces code) and its bounding box;
# coordinates outside the box (plus a margin) are refused. Defaults: Thanh Hóa.
PROVINCE_CODE = env_int("PROVINCE_CODE", 38)
PROVINCE_BBOX = tuple(float(v) for v in env_list("PROVINCE_BBOX", "19.28769,104.37432,20.67017,106.07513"))
PROVINCE_BBOX_MARGIN_DEG = 0.1

# --- Languages and time -----------------------------------------------------------------

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Which date and time formats forms accept in each language: day first (portal/formats/).
FORMAT_MODULE_PATH = ["portal.formats"]
# The admin's date pickers write day first too, which both languages read back the same.
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# --- Files ------------------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Licence scans of sellers (catalogue.identity): never under MEDIA_URL, served by a view that checks who asks.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-files-are-served-by-a-view/"},
    },
}
# Dotted path of a class that checks a seller's identity with VNeID or another provider
# (catalogue.identity.IdentityProvider); empty: moderators check the documents by hand.
IDENTITY_VERIFICATION_PROVIDER = env("IDENTITY_VERIFICATION_PROVIDER", "")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 8 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif", "gif"]  # no SVG uploads
# 40 megapixels is more than any template shows (a 7,700 × 5,200 photo); Pillow gets the same
# limit (portal/uploads.py) and the admin's image form turns undecodable files into errors.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.uploads.CheckedImageForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "csv", "xlsx", "docx", "odt", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal.uploads.CheckedDocumentForm"

# --- Search -----------------------------------------------------------------------------

# Wagtail's admin search always uses its database backend; the site search service
# (`search/`) uses Elasticsearch when ELASTICSEARCH_URL is set, else the database.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "xuthanh")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# --- E-mail -----------------------------------------------------------------------------

EMAIL_HOST = env("EMAIL_HOST")
# Without SMTP, mail goes to files in EMAIL_FILE_PATH (staging, the production-stack tests) or the console.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend"
    if EMAIL_FILE_PATH
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Xứ Thanh <no-reply@xuthanh.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# --- Payments ---------------------------------------------------------------------------

STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
# Tests point the SDK at localstripe; production leaves it empty (Stripe's own API).
STRIPE_API_BASE = env("STRIPE_API_BASE")
STRIPE_JS_URL = env("STRIPE_JS_URL", "https://js.stripe.com/v3/")
VIETQR_BANK_BIN = env("VIETQR_BANK_BIN", "970436")
VIETQR_ACCOUNT_NUMBER = env("VIETQR_ACCOUNT_NUMBER", "0011001234567")
VIETQR_ACCOUNT_NAME = env("VIETQR_ACCOUNT_NAME", "XU THANH MARKETPLACE")
# PayOS confirms transfers to the account above by a signed webhook (/payments/transfer/webhook/);
# without all three the webhook answers 503 and moderators confirm transfers by hand.
PAYOS_CLIENT_ID = env("PAYOS_CLIENT_ID")
PAYOS_API_KEY = env("PAYOS_API_KEY")
PAYOS_CHECKSUM_KEY = env("PAYOS_CHECKSUM_KEY")
ORDER_PAYMENT_TIMEOUT_MINUTES = env_int("ORDER_PAYMENT_TIMEOUT_MINUTES", 60)
# A business sees its buyer's phone and address only until its lines are delivered or cancelled
# plus this many days (orders.privacy); moderators keep access.
BUYER_CONTACT_DAYS_AFTER_DELIVERY = env_int("BUYER_CONTACT_DAYS_AFTER_DELIVERY", 30)

# --- Personal data (accounts.data_rights) ------------------------------------------------

# Accounting records (orders, invoices) of a deleted account keep name and address this long.
PERSONAL_DATA_RETENTION_YEARS = env_int("PERSONAL_DATA_RETENTION_YEARS", 10)
# A data-subject request (download, deletion, withdrawal) is due this many hours after it arrives.
DATA_REQUEST_DUE_HOURS = env_int("DATA_REQUEST_DUE_HOURS", 72)

# --- Traceability -----------------------------------------------------------------------

# Scans keep a salted hash of the client address, never the address itself.
SCAN_HASH_SALT = env("SCAN_HASH_SALT", SECRET_KEY)
SCAN_ALERT_WINDOW_MINUTES = env_int("SCAN_ALERT_WINDOW_MINUTES", 60)
SCAN_ALERT_DISTINCT_CLIENTS = env_int("SCAN_ALERT_DISTINCT_CLIENTS", 50)
# GS1's EPCIS 2.0 JSON schema file (GS1's, not in this repository): capture checks documents
# against it first when set; without it, capture applies our own checks only.
EPCIS_JSON_SCHEMA = env("EPCIS_JSON_SCHEMA")

# --- Security headers -------------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Only what the pages use: Stripe's script, frame and API (or localstripe in tests) and
# OpenStreetMap tiles; Leaflet and our scripts are served from our own static files.
_STRIPE_ORIGINS = sorted({_origin(STRIPE_JS_URL), _origin(STRIPE_API_BASE or "https://api.stripe.com")} - {""})
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_STRIPE_ORIGINS],
        "frame-src": ["'self'", "https://hooks.stripe.com", *_STRIPE_ORIGINS],
        "connect-src": ["'self'", *_STRIPE_ORIGINS],
        "img-src": ["'self'", "data:", "https://*.tile.openstreetmap.org"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# The Wagtail admin runs under the same rules for scripts: no inline script, no eval. Wagtail's
# few inline scripts (inline panels, date pickers) are replaced by data attributes that
# portal/static/portal/admin-init.js acts on (portal/templates/wagtailadmin/). Two differences,
# both for Wagtail's own features: the page preview is a same-origin frame of the admin
# ('self' as frame-ancestors, and X-Frame-Options SAMEORIGIN on that view), and an image's
# preview before upload is a blob: URL. No external images: the gravatar service is off.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "img-src": ["'self'", "data:", "blob:", "https://*.tile.openstreetmap.org"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does a superuser's dashboard ask releases.wagtail.org for Wagtail's latest version
# (connect-src refuses it; the version is pinned in requirements.txt anyway).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# The open tourism data feed (/api/open-data/tourism/, tourism.open_data): its licence and the credit it asks for.
OPEN_DATA_LICENSE_URL = env("OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/")
OPEN_DATA_ATTRIBUTION = env("OPEN_DATA_ATTRIBUTION", "Xứ Thanh, Thanh Hóa tourism data")

WAGTAILAPI_BASE_URL = SITE_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "xuthanh.security": {"handlers": ["console"], "level": "WARNING"},
        "xuthanh.sms": {"handlers": ["console"], "level": "INFO"},
        "django.request": {"handlers": ["console"], "level": "ERROR"},
    },
}
