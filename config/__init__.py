"""The composition root: settings, root URLs, the API router, Celery and WSGI.

It is the only package that knows every app; the apps never import it.
"""

from config.celery import app as celery_app

__all__ = ["celery_app"]
