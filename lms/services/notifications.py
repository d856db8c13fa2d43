"""Notifications: stored once, e-mailed by a task, marked read by their recipient.

A notification's e-mail is queued by id once the notification is committed; the
worker reads subject and body from the stored row, so no message text travels
through the broker, and `emailed_at` makes a retried task send nothing twice.
"""

from __future__ import annotations

import datetime as dt

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.models import Enrolment, Notification
from lms.person_generation import person_changed
from lms.tasks import notification_email_send


def notification_send(
    *, recipient, enrolment: Enrolment, kind: str, subject: str, body: str, now
) -> bool:
    """Store one notification and queue its e-mail; False if it was sent before."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                enrolment=enrolment,
                cycle=enrolment.cycle,
                kind=kind,
                subject=subject,
                body=body,
                created_at=now,
            )
            if recipient.email:
                # celery-types does not know Celery 5.4's delay_on_commit yet.
                notification_email_send.delay_on_commit(  # type: ignore[attr-defined]
                    notification_id=notification.pk
                )
    except IntegrityError:
        return False
    return True


def notification_email_deliver(
    *, notification_id: int, now: dt.datetime | None = None
) -> bool:
    """E-mail a stored notification to its recipient, once.

    Returns False when there is nothing to send: the notification is gone, was
    e-mailed before or its recipient has no address. The row stays locked while
    sending, so two deliveries of one notification run one after the other.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        address = notification.recipient.email
        if not address:
            return False
        send_mail(notification.subject, notification.body, None, [address])
        notification.emailed_at = now or timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True


def notifications_mark_read(*, user, now: dt.datetime | None = None) -> int:
    """Mark all of a person's notifications read (their start page shows none new)."""
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )
    person_changed(user.pk)
    return marked
