"""Django settings for Orderdesk; every operator-facing value comes from the environment (config.py)."""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from orderdesk import config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()

SECRET_KEY = config.secret_key(DATA_DIR)
DEBUG = config.env_bool("ORDERDESK_DEBUG", False)
ALLOWED_HOSTS = config.env_list("ORDERDESK_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves the API docs page (Swagger UI) from its own static files, not a CDN
    "axes",
    "django_tasks_db",
    "orderdesk.core",
    "orderdesk.accounts",
    "orderdesk.orders",
    "orderdesk.consultations",
    "orderdesk.web",
    "orderdesk.api",
    "orderdesk.webhooks",
    "orderdesk.exports",
    "orderdesk.reconciliation",
    "orderdesk.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "orderdesk.web.middleware.ApiProblemMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "orderdesk.web.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "orderdesk.accounts.middleware.StaffLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lock-out into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "orderdesk.urls"
WSGI_APPLICATION = "orderdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "orderdesk.web.context.shell",
            ],
        },
    },
]

# --- Database: embedded SQLite in the data dir, or PostgreSQL through DATABASE_URL -------------
_database_url = config.env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "orderdesk.sqlite3",
            "OPTIONS": {
                # IMMEDIATE: a transaction takes the write lock when it starts, so two writers
                # queue on busy_timeout instead of failing half-way with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth, sessions, login lock-out ----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "orders:list"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = 60 * 60 * 12  # a working day; staff sign in again the next morning
SESSION_EXPIRE_AT_BROWSER_CLOSE = False

AXES_FAILURE_LIMIT = config.env_int("ORDERDESK_LOGIN_MAX_FAILURES", 10, minimum=1)
AXES_COOLOFF_TIME = config.login_cooloff()
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Security: safe by default; ORDERDESK_HTTPS=1 behind TLS ---------------------------------------
HTTPS = config.env_bool("ORDERDESK_HTTPS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    # A TLS-terminating proxy in front says the original scheme in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = config.env_list("ORDERDESK_CSRF_TRUSTED_ORIGINS")
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "style-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
MIDDLEWARE.insert(1, "django.middleware.csp.ContentSecurityPolicyMiddleware")

# --- Internationalisation --------------------------------------------------------------------------
LANGUAGES = [("en", _("English")), ("vi", _("Vietnamese"))]
LANGUAGE_CODE = config.language(tuple(code for code, _name in LANGUAGES))
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and numbers per language (27/11/2026 14:05 in Vietnamese); see orderdesk/formats/.
FORMAT_MODULE_PATH = ["orderdesk.formats"]
TIME_ZONE = config.env_str("ORDERDESK_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Business settings -----------------------------------------------------------------------------
ORDERDESK_CURRENCY = config.currency()
ORDERDESK_PHONE_REGION = config.env_str("ORDERDESK_PHONE_REGION", "VN").upper()
ORDERDESK_ORDER_CODE_PREFIX = "SO-"
ORDERDESK_CONSULTATION_CODE_PREFIX = "CR-"
ORDERDESK_CONSULTATION_SLA_MINUTES = config.env_int(
    "ORDERDESK_CONSULTATION_SLA_MINUTES", 30, minimum=1
)
ORDERDESK_FORM_MIN_SECONDS = config.env_int("ORDERDESK_FORM_MIN_SECONDS", 3)
ORDERDESK_PUBLIC_RATE_LIMIT = config.rates("ORDERDESK_PUBLIC_RATE_LIMIT", "5/m,50/d")
ORDERDESK_EMBED_ORIGINS = config.env_list("ORDERDESK_EMBED_ORIGINS")
ORDERDESK_NOTIFY_EMAILS = config.env_list("ORDERDESK_NOTIFY_EMAILS")
# Webhooks to loopback, private, link-local… addresses are refused unless this is set.
ORDERDESK_WEBHOOK_ALLOW_PRIVATE = config.env_bool("ORDERDESK_WEBHOOK_ALLOW_PRIVATE", False)
ORDERDESK_TRUSTED_PROXY_HEADER = config.env_str("ORDERDESK_TRUSTED_PROXY_HEADER")
# Exports with more rows than this are written in the background and listed on /exports/.
ORDERDESK_EXPORT_DIRECT_MAX_ROWS = config.env_int("ORDERDESK_EXPORT_DIRECT_MAX_ROWS", 50_000)
ORDERDESK_EXPORT_KEEP_DAYS = config.env_int("ORDERDESK_EXPORT_KEEP_DAYS", 7, minimum=1)
# Background export files; shared by all app servers and workers (see docs/operations.md).
ORDERDESK_EXPORT_DIR = Path(config.env_str("ORDERDESK_EXPORT_DIR") or DATA_DIR / "exports")
ORDERDESK_PUBLIC_MAX_BODY = 16 * 1024  # bytes; a consultation request is a few lines of text
ORDERDESK_DUPLICATE_WINDOW_MINUTES = 10

# The console backend prints e-mail to the server's log: right for the embedded default,
# flagged by `check --deploy`. Production sets the SMTP backend and the ORDERDESK_SMTP_* values.
_email_backend = config.env_str(
    "ORDERDESK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
MAILERS = {"default": {"BACKEND": _email_backend}}
if _email_backend.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": config.env_str("ORDERDESK_SMTP_HOST", "localhost"),
        "port": config.env_int("ORDERDESK_SMTP_PORT", 25, minimum=1),
        "username": config.env_str("ORDERDESK_SMTP_USER") or None,
        "password": config.env_str("ORDERDESK_SMTP_PASSWORD") or None,
        "use_tls": config.env_bool("ORDERDESK_SMTP_TLS", False),
    }
DEFAULT_FROM_EMAIL = config.env_str("ORDERDESK_FROM_EMAIL", "orderdesk@localhost")

# --- Static files ----------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise expects it even when serving from the finders
WHITENOISE_USE_FINDERS = True  # serve straight from the package; no collectstatic step needed
WHITENOISE_AUTOREFRESH = DEBUG

# --- Background tasks: Django's tasks API on the database backend --------------------------------
# "immediate" runs a task inside the caller (the test suite uses it); production keeps the queue.
if config.env_str("ORDERDESK_TASK_BACKEND", "database") == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
