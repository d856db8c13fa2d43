"""Forwarding learning events to an external learning record store (LRS).

Runs in the background only (a Celery task, every minute from beat), never in a
learner's request. Statements go in batches in event order; the row of
``XapiForwarding`` remembers up to which event the LRS has acknowledged. Statement
ids are stable, so a batch sent again after a lost answer is stored once (an LRS
ignores a statement id it already holds). A failure leaves the mark where it was
and raises ``LrsUnavailable``; the task retries with back-off.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import selectors, xapi
from ..models import XapiForwarding


class LrsUnavailable(Exception):
    """The LRS did not acknowledge a batch; nothing was marked as sent."""


def _post(statements: list[dict]) -> None:
    endpoint = settings.XAPI_LRS_ENDPOINT.rstrip("/") + "/statements"
    credentials = f"{settings.XAPI_LRS_USERNAME}:{settings.XAPI_LRS_PASSWORD}"
    request = urllib.request.Request(
        endpoint,
        method="POST",
        data=json.dumps(statements).encode("utf-8"),
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": xapi.XAPI_VERSION,
            "Authorization": "Basic "
            + base64.b64encode(credentials.encode("utf-8")).decode("ascii"),
        },
    )
    try:
        with urllib.request.urlopen(  # noqa: S310 (the operator's configured URL)
            request, timeout=settings.XAPI_LRS_TIMEOUT
        ) as response:
            if response.status not in (200, 204):
                raise LrsUnavailable(f"HTTP {response.status}")
    except urllib.error.HTTPError as exc:
        raise LrsUnavailable(f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        raise LrsUnavailable(str(exc)[:500]) from None


def xapi_forward_pending(*, max_batches: int = 50) -> int:
    """Send the statements the LRS has not acknowledged yet, batch by batch;
    returns how many were acknowledged. Does nothing without
    ``XAPI_LRS_ENDPOINT``. Raises ``LrsUnavailable`` when a batch fails (the
    batches before it stay acknowledged)."""
    endpoint = settings.XAPI_LRS_ENDPOINT
    if not endpoint:
        return 0
    sent = 0
    failure: LrsUnavailable | None = None
    for _batch in range(max_batches):
        with transaction.atomic():
            # One sender per endpoint at a time: the row lock orders workers.
            state, _created = XapiForwarding.objects.select_for_update().get_or_create(
                endpoint=endpoint
            )
            events = selectors.learning_events_for_xapi(
                after_id=state.acknowledged_event_id,
                limit=settings.XAPI_LRS_BATCH_SIZE,
            )
            if not events:
                return sent
            state.last_attempt_at = timezone.now()
            try:
                _post([xapi.statement(event) for event in events])
            except LrsUnavailable as exc:
                state.last_error = str(exc)
                state.save(update_fields=["last_attempt_at", "last_error"])
                failure = exc
            else:
                failure = None
                state.acknowledged_event_id = events[-1].pk
                state.acknowledged_count += len(events)
                state.last_error = ""
                state.save()
                sent += len(events)
        if failure is not None:
            raise failure
    return sent
