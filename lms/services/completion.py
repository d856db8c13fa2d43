"""Course completion: checked after every learning step and after sandbox runs."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from lms.models import Enrolment
from lms.selectors import content
from lms.selectors.progress import (
    LearnerState,
    completion_missing,
    enrolment_learner_state,
)
from lms.services.certificates import certificate_issue
from lms.services.enrolments import person_lock
from lms.services.events import event_log


def completion_check(
    enrolment: Enrolment,
    outline,
    now: dt.datetime,
    state: LearnerState | None = None,
) -> bool:
    """Complete the enrolment and issue its certificate if nothing is missing.

    Runs inside the caller's transaction, with the person locked; a caller that
    has read the enrolment's state under that lock passes it (`state`), so it is
    not read twice.
    """
    if enrolment.completed_at is not None:
        return False
    if state is None:
        state = enrolment_learner_state(enrolment)
    if completion_missing(outline, state):
        return False
    enrolment.completed_at = now
    enrolment.save(update_fields=["completed_at"])
    event_log(
        actor_id=enrolment.user_id,
        verb="completed",
        object_type="course",
        object_id=enrolment.course_id,
        course_id=enrolment.course_id,
        completion=True,
        success=True,
        now=now,
    )
    certificate_issue(enrolment=enrolment, outline=outline, now=now)
    return True


def course_completion_evaluate(
    *, user_id: int, course_id: int | None = None, now: dt.datetime | None = None
) -> list[int]:
    """Re-check completion of a person's current enrolments (e.g. after a sandbox run).

    Returns the ids of the courses that became complete.
    """
    now = now or timezone.now()
    completed = []
    with transaction.atomic():
        person_lock(user_id)
        enrolments = Enrolment.objects.filter(
            user_id=user_id, is_current=True, completed_at__isnull=True
        )
        if course_id is not None:
            enrolments = enrolments.filter(course_id=course_id)
        for enrolment in enrolments:
            outline = content.course_outline(enrolment.course_id)
            if outline is not None and completion_check(enrolment, outline, now):
                completed.append(enrolment.course_id)
    return completed
