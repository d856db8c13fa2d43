"""Celery entry points of `exchange`."""

from celery import shared_task

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
