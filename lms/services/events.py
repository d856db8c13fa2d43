"""The learning-event log: appended to by every learning service, pruned daily."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from lms.models import LearningEvent


def event_log(
    *,
    actor_id: int | None,
    verb: str,
    object_type: str,
    object_id,
    course_id: int | None = None,
    score: int | None = None,
    success: bool | None = None,
    completion: bool | None = None,
    now: dt.datetime | None = None,
) -> LearningEvent:
    """Append one entry to the learning-event log (xAPI-shaped)."""
    return LearningEvent.objects.create(
        actor_id=actor_id,
        verb=verb,
        object_type=object_type,
        object_id=str(object_id),
        course_id=course_id,
        score=score,
        success=success,
        completion=completion,
        timestamp=now or timezone.now(),
    )


def learning_events_delete_expired(*, now: dt.datetime | None = None) -> int:
    """Delete raw learning events older than the retention period.

    Enrolments, progress and certificates (the compliance records) stay.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.LEARNING_EVENT_RETENTION_DAYS)
    deleted, _details = LearningEvent.objects.filter(timestamp__lt=cutoff).delete()
    return deleted
