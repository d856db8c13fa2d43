"""Settings shared by every set-up, read from the environment (django-environ).

Every variable is documented in `.env.example` and in the README. Used directly
(`manage.py`'s default) Lotse runs embedded: SQLite, Celery tasks in-process,
e-mail to the console, DEBUG on. `config.settings.production` adds the secure
defaults and refuses to start without a secret key; `config.settings.test` adds
the switches only the test suite needs.
"""

import uuid
from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path

import environ
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parents[2]

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY",
    default="lotse-insecure-development-key-never-use-in-production",
)

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
LOTSE_BASE_URL = env.str("LOTSE_BASE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "lms.apps.LmsConfig",
    "courses.apps.CoursesConfig",
    "sandbox.apps.SandboxConfig",
    "analytics.apps.AnalyticsConfig",
    "exchange.apps.ExchangeConfig",
    "demo.apps.DemoConfig",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "config.apps.LotseAdminConfig",  # django.contrib.admin, administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "lms.middleware.TrustedProxyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.TextInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "lms.person_pages.PersonPageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.navigation",
            ],
        },
    },
]

# --- Data stores -------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://lotse")}
# One installation's keys apart from others on the same Redis database (not through
# CACHE_URL: django-environ passes `?key_prefix=` in a spelling Django ignores).
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="")
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # One Redis client per connection pool, not one per cache call (common/cache.py).
    CACHES["default"]["BACKEND"] = "common.cache.SharedClientRedisCache"
# Sessions are read on every request: from the cache (Redis in production), written
# through to the database so a cache restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Celery (all periodic schedules live here) ---------------------------------------

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str(
    "CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None
)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_BEAT_SCHEDULE: dict = {
    "learning-rules-apply-nightly": {
        "task": "lms.tasks.learning_rules_apply",
        "schedule": crontab(hour=2, minute=30),
    },
    "learning-reminders-daily": {
        "task": "lms.tasks.learning_reminders_send_due",
        "schedule": crontab(hour=6, minute=0),
    },
    "learning-events-retention": {
        "task": "lms.tasks.learning_events_delete_expired",
        "schedule": crontab(hour=3, minute=15),
    },
    "directory-accounts-check": {
        "task": "lms.tasks.directory_accounts_check",
        "schedule": crontab(minute="*/15"),
    },
    "leavers-erase-expired": {
        "task": "lms.tasks.persons_erase_expired",
        "schedule": crontab(hour=4, minute=15),
    },
    "sandbox-runs-retention": {
        "task": "sandbox.tasks.delete_expired_runs",
        "schedule": crontab(hour=3, minute=45),
    },
    "readiness-recompute-nightly": {
        "task": "analytics.tasks.readiness_recompute_nightly",
        "schedule": crontab(hour=4, minute=15),
    },
    # Invitations go out on the morning a wave opens; later runs invite only people
    # who came into scope since (once per wave and person).
    "survey-invitations-daily": {
        "task": "analytics.tasks.survey_invitations_send_open",
        "schedule": crontab(hour=7, minute=30),
    },
    "xapi-forward": {
        "task": "exchange.tasks.xapi_forward",
        "schedule": timedelta(minutes=1),
    },
    "exchange-check-updates": {
        "task": "exchange.tasks.exchange_check_updates",
        "schedule": crontab(minute=20),
    },
}

# --- Authentication ----------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lms.backends.AccountBackend",
]
# Argon2 first: memory-hard, with parameters sized so that 230 logins in a minute fit
# on two cores beside the pages (lms/hashers.py has the figures). Older hashes
# (PBKDF2, Argon2 with other parameters) still verify and are upgraded at login.
PASSWORD_HASHERS = [
    "lms.hashers.PeakArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Sign-in with the town's directory (LDAP) or identity provider (OIDC) -----------
# Their settings live in config/settings/directory.py; each switches its backend on.
from config.settings.directory import *  # noqa: E402, F403
from config.settings.directory import LDAP_SERVER_URI, OIDC_ISSUER  # noqa: E402

if LDAP_SERVER_URI:
    AUTHENTICATION_BACKENDS.insert(1, "lms.backends.LdapBackend")
if OIDC_ISSUER:
    AUTHENTICATION_BACKENDS.insert(1, "lms.backends.OidcBackend")

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "lms.client_address.client_address"
# The TLS proxies in front of Lotse, as addresses or networks. X-Forwarded-For is
# believed only on requests that come from one of them; without any, every client
# is known by the address it connects from (see lms/client_address.py).
LOTSE_TRUSTED_PROXIES = [
    ip_network(proxy, strict=False)
    for proxy in env.list("LOTSE_TRUSTED_PROXIES", default=[])
]

# --- REST API ------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token authentication that keeps the adoption API client to its endpoint.
        "analytics.api.authentication.ConfinedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Both with the limits of the one text check (config/api_json.py).
    "DEFAULT_PARSER_CLASSES": ["config.api_json.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["config.api_json.JSONRenderer"],
    # One style for every list: pages, filters, ordering (common/api_lists.py).
    "DEFAULT_PAGINATION_CLASS": "common.api_lists.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["common.api_lists.AllowListOrdering"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    # Token requests: against guessing many accounts from one address, and one
    # account from many addresses. Counted in the cache (CACHE_URL).
    "DEFAULT_THROTTLE_RATES": {
        "token_address": env.str("LOTSE_TOKEN_RATE_PER_ADDRESS", default="20/min"),
        "token_username": env.str("LOTSE_TOKEN_RATE_PER_USERNAME", default="10/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lotse API",
    "DESCRIPTION": (
        "Schnittstelle der Lernplattform Lotse. Anmelden mit einem Token "
        "(`POST /api/v1/auth/token/`, dann `Authorization: Token <token>`) oder "
        'der Sitzung. Jeder Fehler ist `{"detail": <Satz>, "errors": {…}}`.\n\n'
        "Listen: Seiten mit `?page=` (ab 1) und `?page_size=` (1 bis 200, "
        'Vorgabe 50), Antwort `{"count", "next", "previous", "results"}`; '
        "Filter als Parameter mit englischen Namen wie das Feld (`process`, "
        "`org_unit`); `?ordering=feld` oder `-feld` aus der Liste der jeweiligen "
        "Schnittstelle. Ein falscher Wert ist ein Fehler 400. Ausnahme: die "
        "xAPI-Aussagen blättern, wie die xAPI-Spezifikation es will, mit `more`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["config.api.only_public_api"],
    # <id:…> (common/converters.py): a database id of at most 18 digits.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api.document_errors",
    ],
}

# --- Internationalisation ------------------------------------------------------------

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.js from the installed plotly package (see analytics/staticfiles.py)
    "analytics.staticfiles.PlotlyFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail --------------------------------------------------------------------------

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Lotse <lotse@localhost>")

# --- Wagtail -------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Lotse"
WAGTAILADMIN_BASE_URL = LOTSE_BASE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL  # a page restricted to groups: our sign-in
# The exercise chooser lists the live processes and cases (courses and sandbox never
# import each other; the composition root wires them).
LOTSE_SANDBOX_EXERCISE_CHOICES = "sandbox.selectors.exercise_choices"
WAGTAIL_FINISH_WORKFLOW_ACTION = "courses.workflow.publish_after_review"  # leads too
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False
# German stemming on PostgreSQL full-text search (SQLite's backend ignores it).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "german",
    }
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Lesson videos carry a required WebVTT captions file (BITV 2.0), hence our own model.
WAGTAILMEDIA = {
    "MEDIA_MODEL": "courses.LessonMedia",
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
}

# --- Security ------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
# Load balancers probe each instance directly over plain HTTP (config/urls.py):
# with SECURE_SSL_REDIRECT on (production) these two must still answer, not 301.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/live$"]
# Old browsers: never framed. Current browsers obey the CSP `frame-ancestors 'self'`
# below, which takes precedence and allows Wagtail's same-origin preview frame.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Self-hosted only: no script, style or font from another host, no inline script or
# style. Every page of ours works under it: learner pages (with Wagtail's user bar),
# the API docs and Django's admin.
_CSP_COMMON = (
    "default-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
    "media-src 'self'; object-src 'none'; frame-ancestors 'self'; base-uri 'self'; "
    "form-action 'self'"
)
CONTENT_SECURITY_POLICY = f"{_CSP_COMMON}; script-src 'self'; style-src 'self'"
# Wagtail 8's admin cannot run under it: its date choosers, inline panels and choosers
# start from inline <script> tags that carry per-field data (some inserted later by its
# own JavaScript), and its rich-text editor inserts <style> elements. Wagtail offers no
# nonces, and hashes would change with every field. So only the editors' admin under
# /cms/ may run inline script and style; it still loads nothing from another host and
# evaluates no strings ('unsafe-eval' stays off).
CONTENT_SECURITY_POLICY_CMS = (
    f"{_CSP_COMMON}; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'"
)
# Path prefix (as mounted in config/urls.py) -> policy; all others get the strict one.
CONTENT_SECURITY_POLICY_BY_PATH = {"/cms/": CONTENT_SECURITY_POLICY_CMS}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env.str("LOTSE_LOG_LEVEL", default="INFO"),
    },
}

# --- Lotse ---------------------------------------------------------------------------

# The organisation named on certificates and in e-mails.
LOTSE_ORGANISATION_NAME = env.str("LOTSE_ORGANISATION_NAME", default="Stadtverwaltung")
SANDBOX_RUN_RETENTION_DAYS = env.int("SANDBOX_RUN_RETENTION_DAYS", default=90)
LEARNING_EVENT_RETENTION_DAYS = env.int("LEARNING_EVENT_RETENTION_DAYS", default=365)
# Readiness per person is kept this many days (the person's own page); the per-unit
# sums behind the dashboards and their trends stay.
ANALYTICS_PERSON_SNAPSHOT_DAYS = env.int("ANALYTICS_PERSON_SNAPSHOT_DAYS", default=35)

# --- Exchange between installations: course packages, Kursbörse, xAPI ---------------

# Names this installation in the course packages it exports (origin of a course). Stable
# for the life of the installation; by default derived from its public URL.
LOTSE_INSTALLATION_ID = env.str(
    "LOTSE_INSTALLATION_ID",
    default=str(uuid.uuid5(uuid.NAMESPACE_URL, LOTSE_BASE_URL)),
)
LOTSE_INSTALLATION_NAME = env.str(
    "LOTSE_INSTALLATION_NAME", default=LOTSE_ORGANISATION_NAME
)
# A course package may unpack to at most this many bytes and members.
LOTSE_COURSE_PACKAGE_MAX_SIZE = env.int(
    "LOTSE_COURSE_PACKAGE_MAX_SIZE", default=500 * 1024 * 1024
)
LOTSE_COURSE_PACKAGE_MAX_MEMBERS = env.int(
    "LOTSE_COURSE_PACKAGE_MAX_MEMBERS", default=2000
)
# A leaver is erased (pseudonymised) this many days after their leaving date.
LOTSE_LEAVER_RETENTION_DAYS = env.int("LOTSE_LEAVER_RETENTION_DAYS", default=183)

# Forwarding learning events as xAPI statements to an external LRS (off when empty).
XAPI_LRS_ENDPOINT = env.str("XAPI_LRS_ENDPOINT", default="")
XAPI_LRS_USERNAME = env.str("XAPI_LRS_USERNAME", default="")
XAPI_LRS_PASSWORD = env.str("XAPI_LRS_PASSWORD", default="")
XAPI_LRS_BATCH_SIZE = env.int("XAPI_LRS_BATCH_SIZE", default=100)
XAPI_LRS_TIMEOUT = env.int("XAPI_LRS_TIMEOUT", default=15)

# Kursbörse: this installation is the shared catalogue (on) and/or subscribes to one
# (its base URL and an API token of an account there).
LOTSE_EXCHANGE_CATALOGUE = env.bool("LOTSE_EXCHANGE_CATALOGUE", default=False)
LOTSE_EXCHANGE_URL = env.str("LOTSE_EXCHANGE_URL", default="")
LOTSE_EXCHANGE_TOKEN = env.str("LOTSE_EXCHANGE_TOKEN", default="")
LOTSE_EXCHANGE_TIMEOUT = env.int("LOTSE_EXCHANGE_TIMEOUT", default=30)
# The licence named in the course packages this installation exports.
LOTSE_COURSE_LICENCE = env.str("LOTSE_COURSE_LICENCE", default="CC BY-SA 4.0")
