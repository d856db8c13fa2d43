"""Production: PostgreSQL, Redis, a worker and beat, gunicorn behind a TLS proxy.

Refuses to start without a real secret key, without the public address or with
DEBUG, and turns on every secure default `check --deploy` asks for.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import INSTALLED_APPS, env

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY fehlt oder ist kürzer als 50 Zeichen: "
        "im Produktivbetrieb startet Lotse nicht ohne geheimen Schlüssel."
    )
if DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG darf im Produktivbetrieb nicht an sein.")

# E-mails, reminders and certificates' QR codes link here: without it they would
# point to the development default, which nobody can reach.
LOTSE_BASE_URL = env.str("LOTSE_BASE_URL", default="")
_base = urlsplit(LOTSE_BASE_URL)
if _base.scheme not in ("http", "https") or not _base.hostname:
    raise ImproperlyConfigured(
        "LOTSE_BASE_URL fehlt oder ist keine vollständige Adresse (z. B. "
        "https://lotse.musterstadt.de): im Produktivbetrieb startet Lotse nicht ohne "
        "die öffentliche Adresse, auf die E-Mails und Zertifikate verweisen."
    )
WAGTAILADMIN_BASE_URL = LOTSE_BASE_URL

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

# The demo town never belongs in a real administration: without the app its
# commands (seed_demo) do not exist, and the package does not need to be installed.
INSTALLED_APPS = [app for app in INSTALLED_APPS if not app.startswith("demo.")]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = False

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
