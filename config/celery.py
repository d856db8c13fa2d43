"""The Celery app: settings come from Django (`CELERY_*`), schedules from settings.

Workers and beat run in production, so production settings are the default here;
tests and development set DJANGO_SETTINGS_MODULE themselves.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("lotse")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
