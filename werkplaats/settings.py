"""Settings for Werkplaats, read from the environment.

Every variable is listed in `.env.example` and in the README. The defaults give a
safe production configuration; `make run` switches on debug for local use.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE - {''})}, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. It is required when DJANGO_DEBUG is off: set it to a long "
            "random string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), or set "
            "DJANGO_DEBUG=1 for local development (make run does this)."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "werkplaats",
    "trajecten",
    "scholing",
    "quickscan",
    "rapportage",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_include_bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Not "rest_framework": its Dutch catalogue would override Django's own texts ("Dit veld is verplicht."); the
    # API's messages are Dutch through rapportage.api.fouten.uitzondering instead.
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files served by the app itself (no CDN)
    "werkplaats.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "werkplaats.healthz.HealthzMiddleware",  # answers /healthz before any session is read
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "werkplaats.middleware.GeenOpslagMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # after the session, before CommonMiddleware (Django's order)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "werkplaats.tweestaps.TweestapsMiddleware",  # the second factor before any page (werkplaats/tweestaps.py)
    "werkplaats.landelijk.LandelijkMiddleware",  # the national role opens no page with personal data
    "django.contrib.messages.middleware.MessageMiddleware",
    "werkplaats.middleware.SessieDuurMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into the login page with a 429
]

ROOT_URLCONF = "werkplaats.urls"

# Content-Security-Policy (django-csp): scripts, styles, fonts and images only from the app itself; no inline script,
# no frames, forms only to the app. Inline style *attributes* stay allowed: the charts are inline SVG that matplotlib
# styles with them (no script can run through a style attribute).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Sessions end after this long without a request, and after this long in all (werkplaats.middleware).
SESSIE_INACTIEF_MINUTEN = env_int("SESSIE_INACTIEF_MINUTEN", 60)
SESSIE_MAX_UREN = env_int("SESSIE_MAX_UREN", 10)
SESSION_COOKIE_AGE = SESSIE_MAX_UREN * 3600

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "werkplaats.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database under concurrent writers (threaded gunicorn workers, the background worker): wait for a
    # lock instead of failing at once, take the write lock when a transaction begins (a deferred transaction that
    # reads first cannot wait for it and fails with "database is locked"), and let readers work beside one writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "werkplaats.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "werkplaats:home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username or address before the password is checked.
    "werkplaats.vergrendeling.VergrendelingBackend",  # django-axes' backend, for logins with a request
    "django.contrib.auth.backends.ModelBackend",
]

# Login protection (django-axes): after AXES_FAILURE_LIMIT failed logins for one username, or from one address, that
# username or address is locked for INLOG_VERGRENDELING_MINUTEN; a coordinator unlocks an account on its page.
AXES_FAILURE_LIMIT = env_int("INLOG_MAX_POGINGEN", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("INLOG_VERGRENDELING_MINUTEN", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: a username, or an address
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock ends a fixed time after it began
AXES_LOCKOUT_CALLABLE = "werkplaats.vergrendeling.vergrendeld_antwoord"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_SENSITIVE_PARAMETERS: list[str] = []  # log the username and address of every failure (never the password)
# Behind a reverse proxy the client's address is in X-Forwarded-For: set DJANGO_BEHIND_PROXY (see below).
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if env_bool("DJANGO_BEHIND_PROXY", False) else ["REMOTE_ADDR"]
)

# Two-factor authentication (django-otp: an authenticator app, plus backup codes). Required for coordinators,
# lectoraat and superusers when on (by default with debug off); leaders may turn it on for themselves.
TWEESTAPS_VERPLICHT = env_bool("TWEESTAPS_VERPLICHT", not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Werkplaats")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a secret key or a backup code

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Dutch words (seasons + year, the app's and the werkplaatsen's names), too few different characters, and the
    # demo's published password with debug off.
    {"NAME": "werkplaats.validators.NederlandsWachtwoordValidator"},
    {"NAME": "werkplaats.validators.GeenDemoWachtwoordValidator"},
]

# Dutch by default; English by the switch in the footer (Django's set_language, a cookie) or the browser's
# Accept-Language. The msgids are Dutch; one project catalogue, locale/en/LC_MESSAGES/django.po (docs/architecture.md).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}

# Uploaded and generated files (the frozen end reports' PDFs) go through Django's storage API: on disk under
# MEDIA_ROOT by default. They are never served by URL: a login-checked view reads them from the storage.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "data" / "media")))
MEDIA_URL = "media/"
# An end report with more participating organisations than this renders its PDF in the background worker, with its
# progress on the report's page and a mail to whoever froze it when it is ready (rapportage.tasks).
EINDRAPPORT_ACHTERGROND_VANAF = env_int("EINDRAPPORT_ACHTERGROND_VANAF", 40)
# From this many organisations in its quickscan annex on, the end report's PDF is rendered in parts of
# EINDRAPPORT_DEEL_ORGANISATIES organisations, PDF_WERKERS worker processes at once, and joined
# (rapportage/pdf_delen.py): the memory of a process is that of one part. 0: always in one pass.
EINDRAPPORT_IN_DELEN_VANAF = env_int("EINDRAPPORT_IN_DELEN_VANAF", 30)
EINDRAPPORT_DEEL_ORGANISATIES = env_int("EINDRAPPORT_DEEL_ORGANISATIES", 20)
PDF_WERKERS = env_int("PDF_WERKERS", 2)
# The small-number threshold of the national overview and the peer comparison: no figure of fewer organisations.
LANDELIJK_MINIMUM_ORGANISATIES = env_int("LANDELIJK_MINIMUM_ORGANISATIES", 5)

# Uploads: anything larger is refused before it reaches a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security. Debug off means production: HTTPS only, strict cookies, HSTS.
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("DJANGO_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# E-mail. Without EMAIL_HOST nothing leaves the machine: every mail is printed on the console of the process that
# sends it (`make run`'s terminal, or the worker's), unless EMAIL_BACKEND names another backend.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on; choose the one your server speaks.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Werkplaats <noreply@werkplaats.example.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of the site, for the links in e-mails (which are sent without a request, by the worker).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# A password-reset link is valid for 1 day; an invitation link for 7 (werkplaats.accounts).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24)

# The cache (also the counter of the password-reset rate limit): in-process by default; a shared Redis when
# CACHE_URL is set, so that every gunicorn worker counts the same.
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Drawn charts (werkplaats.lib.grafieken.gecached), keyed by a hash of their data: shared by every worker process,
    # in files under GRAFIEKEN_CACHE_DIR by default, in Redis when CACHE_URL is set.
    "grafieken": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "grafiek"}
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("GRAFIEKEN_CACHE_DIR", str(BASE_DIR / "data" / "grafieken")),
            "TIMEOUT": 60 * 60 * 24 * 30,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
}
# Password-reset requests: at most this many per hour per IP address and per e-mail address.
WACHTWOORD_HERSTEL_PER_UUR = env_int("WACHTWOORD_HERSTEL_PER_UUR", 5)

# The read API (rapportage/api/, README "API"): personal tokens or the session, read-only, paginated, and at most
# API_VERZOEKEN_PER_UUR requests per person per hour (counted in the default cache, shared through CACHE_URL).
API_VERZOEKEN_PER_UUR = env_int("API_VERZOEKEN_PER_UUR", 1000)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "werkplaats.api_tokens.TokenAuthenticatie",  # first: its header makes an anonymous request a 401
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rapportage.api.toegang.ApiToegang"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "rapportage.api.toegang.Paginering",
    "PAGE_SIZE": 100,
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": f"{API_VERZOEKEN_PER_UUR}/hour"},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "rapportage.api.fouten.uitzondering",
    "URL_FORMAT_OVERRIDE": None,  # no ?format=: the API speaks JSON only
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Werkplaats API",
    "DESCRIPTION": "Alleen lezen: trajecten, organisaties, methoden, streefwaarden, cijfers, quickscanrondes, acties "
    "en de onderzoeksexport. Authenticatie met een persoonlijk token (Mijn account) of de sessie.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
# Privacy: months after someone left their last trajectory before the app proposes to erase them (scholing.privacy).
BEWAARTERMIJN_MAANDEN = env_int("BEWAARTERMIJN_MAANDEN", 24)

# The background worker (werkplaats/celery.py). Without a broker the tasks run in the process that starts them
# (`make run` needs nothing else); with CELERY_BROKER_URL (e.g. redis://127.0.0.1:6379/0) a Celery worker runs them
# and Celery beat starts the periodic ones below.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "quickscan-herinneringen": {
        "task": "quickscan.tasks.herinneringen_versturen",
        "schedule": crontab(hour=7, minute=0),
    },
    "quickscan-weekoverzicht": {
        "task": "quickscan.tasks.overzicht_versturen",
        "schedule": crontab(hour=7, minute=30, day_of_week="monday"),
    },
    "privacy-opruimen": {
        "task": "scholing.tasks.privacy_opruimen",
        "schedule": crontab(minute="*/15"),
    },
    "mail-opnieuw-proberen": {
        "task": "werkplaats.tasks.mail_opnieuw_proberen",
        "schedule": crontab(minute="*/15"),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Every failed login with its username and address (django-axes), and the second factor (werkplaats.tweestaps).
        "axes": {"level": "INFO"},
        "axes.apps": {"level": "WARNING"},  # not its version banner at every start
        "werkplaats.inloggen": {"level": "INFO"},
    },
}
