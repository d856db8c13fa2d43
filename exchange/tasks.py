"""Celery entry points of `exchange`."""
