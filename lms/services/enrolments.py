"""Enrolments: self-enrolment, and the helpers every learning action starts with.

Each learning service runs in one transaction and first locks the person's user row
(`person_lock`), so two simultaneous requests of one person (two clicks, two tabs)
run one after the other on PostgreSQL; unique constraints back this up.
Times are passed in as `now` (default: the current time) so tests fix them.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.models import Enrolment
from lms.selectors import content
from lms.services.events import event_log

User = get_user_model()


class LearningError(ValidationError):
    """A learning action that is not possible (German message for the person)."""


def person_lock(user_id: int) -> None:
    """Serialise the learning actions of one person (inside a transaction)."""
    User.objects.select_for_update().filter(pk=user_id).first()


def enrolment_create(
    *, user, course_id: int, now: dt.datetime | None = None
) -> Enrolment:
    """Self-enrol a person in a published course (optional training)."""
    now = now or timezone.now()
    outline = content.course_outline(course_id)
    if outline is None:
        raise LearningError(
            {"course": _("Diesen Kurs gibt es nicht oder er ist nicht veröffentlicht.")}
        )
    with transaction.atomic():
        person_lock(user.pk)
        if Enrolment.objects.filter(
            user=user, course_id=course_id, is_current=True
        ).exists():
            raise LearningError(
                {"course": _("Sie sind in diesem Kurs bereits eingeschrieben.")}
            )
        enrolment = _self_enrolment_new(user=user, course_id=course_id, now=now)
    return enrolment


def enrolment_new(
    *, user_id, course_id, source, now, rule=None, due_on=None, cycle=1
) -> Enrolment:
    """Validate and save a new enrolment (the caller logs the matching event)."""
    enrolment = Enrolment(
        user_id=user_id,
        course_id=course_id,
        source=source,
        rule=rule,
        cycle=cycle,
        assigned_at=now,
        due_on=due_on,
    )
    enrolment.full_clean(validate_constraints=False)
    enrolment.save()
    return enrolment


def enrolment_current_or_self(*, user, course_id: int, now) -> Enrolment:
    """The current enrolment; learning in a course one is not enrolled in enrols."""
    enrolment = Enrolment.objects.filter(
        user=user, course_id=course_id, is_current=True
    ).first()
    if enrolment is None:
        enrolment = _self_enrolment_new(user=user, course_id=course_id, now=now)
    return enrolment


def _self_enrolment_new(*, user, course_id: int, now) -> Enrolment:
    """An optional enrolment the person chose, logged as `registered`."""
    enrolment = enrolment_new(
        user_id=user.pk, course_id=course_id, source=Enrolment.SOURCE_SELF, now=now
    )
    event_log(
        actor_id=user.pk,
        verb="registered",
        object_type="course",
        object_id=course_id,
        course_id=course_id,
        now=now,
    )
    return enrolment
