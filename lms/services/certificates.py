"""Certificates: issued once when a course is completed, with a fresh public code.

The PDF is drawn on request from the stored certificate (`lms.certificate_pdf`).
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.dates import add_months
from lms.models import Certificate, Enrolment
from lms.services.events import event_log

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def certificate_code_new() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def certificate_build(
    *, enrolment: Enrolment, outline, now: dt.datetime
) -> Certificate:
    """The (unsaved) certificate of a completed enrolment, with a fresh code.

    Validity: the rule's recertification interval if it has one, else the course's
    certificate validity; neither means the certificate does not expire.
    """
    completed_on = timezone.localdate(enrolment.completed_at or now)
    months = None
    rule = enrolment.rule  # None without a query when rule_id is unset
    if rule is not None and rule.recertify_months:
        months = rule.recertify_months
    elif outline.info.certificate_validity_months:
        months = outline.info.certificate_validity_months
    user = enrolment.user
    return Certificate(
        enrolment=enrolment,
        user=user,
        course_id=enrolment.course_id,
        course_title=outline.info.title,
        holder_name=user.get_full_name() or user.username,
        code=certificate_code_new(),
        issued_at=now,
        completed_on=completed_on,
        valid_until=add_months(completed_on, months) if months else None,
    )


def certificate_issue(*, enrolment: Enrolment, outline, now: dt.datetime | None = None):
    """Issue the certificate of a completed enrolment (once; returns the existing one)."""
    now = now or timezone.now()
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = certificate_build(
                    enrolment=enrolment, outline=outline, now=now
                )
                certificate.save()
            break
        except IntegrityError:
            if Certificate.objects.filter(enrolment=enrolment).exists():
                return Certificate.objects.get(enrolment=enrolment)
    else:  # pragma: no cover - 32^12 codes
        raise RuntimeError("no free certificate code")
    event_log(
        actor_id=enrolment.user_id,
        verb="earned",
        object_type="certificate",
        object_id=certificate.code,
        course_id=enrolment.course_id,
        now=now,
    )
    return certificate
