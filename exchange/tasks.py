"""Celery entry points of `exchange`."""

from celery import shared_task
from django.conf import settings

from exchange.services.catalogue import CatalogueUnavailable, catalogue_check_updates
from exchange.services.xapi_forward import LrsUnavailable, xapi_forward_pending


@shared_task(
    bind=True,
    autoretry_for=(LrsUnavailable,),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def xapi_forward(self) -> int:
    """Forward learning events the LRS has not acknowledged (idempotent)."""
    return xapi_forward_pending()


@shared_task(
    bind=True,
    autoretry_for=(CatalogueUnavailable,),
    retry_backoff=60,
    max_retries=3,
)
def exchange_check_updates(self) -> int:
    """Note newer versions of adopted courses in the Kursbörse (applies nothing)."""
    if not settings.LOTSE_EXCHANGE_URL:
        return 0
    return catalogue_check_updates()
