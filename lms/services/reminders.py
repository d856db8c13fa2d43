"""Reminders: due soon, due today, weekly while overdue, escalation, expiry warning.

Each notification is written in its own transaction and its e-mail is queued on
commit (`lms.services.notifications`). The unique constraint (enrolment, cycle,
kind) makes it exactly once: when two runs race, the second insert waits for the
first and then fails, so it sends nothing. Escalations go to the head of the person's unit (or the next unit up
that has one) and carry compliance records only: name, course, due date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.urls import public_url
from lms.models import Certificate, Enrolment, Notification, OrgUnit
from lms.selectors import content
from lms.services.notifications import notification_send

DUE_SOON_DAYS = 7
ESCALATION_AFTER_DAYS = 7
EXPIRY_WARNING_DAYS = 30


@dataclass
class _Planned:
    recipient: object
    enrolment: Enrolment
    kind: str
    subject: str
    body: str


def _course_title(course_id: int, cache: dict) -> str:
    if course_id not in cache:
        outline = content.course_outline(course_id)
        cache[course_id] = outline.info.title if outline else _("Kurs %s") % course_id
    return cache[course_id]


def _heads_for(unit_id: int | None, person_id: int, units: dict) -> list:
    """The heads responsible for a person: their unit's, else the nearest above."""
    while unit_id is not None:
        unit = units[unit_id]
        heads = [h for h in unit.heads.all() if h.pk != person_id and h.is_active]
        if heads:
            return heads
        unit_id = unit.parent_id
    return []


def _learner_kinds(due: dt.date, today: dt.date) -> list[str]:
    days_left = (due - today).days
    if 0 < days_left <= DUE_SOON_DAYS:
        return [Notification.KIND_DUE_SOON]
    if days_left == 0:
        return [Notification.KIND_DUE_TODAY]
    if days_left < 0:
        week = (-days_left - 1) // 7 + 1
        return [f"{Notification.KIND_OVERDUE}:{week}"]
    return []


def _learner_text(kind: str, name: str, title: str, due: dt.date) -> tuple[str, str]:
    link = public_url(reverse("learning:my_training"))
    if kind == Notification.KIND_DUE_SOON:
        subject = _("Erinnerung: „%(course)s“ ist bald fällig") % {"course": title}
        lead = _("Ihre Pflichtschulung „%(course)s“ ist am %(due)s fällig.")
    elif kind == Notification.KIND_DUE_TODAY:
        subject = _("Heute fällig: „%(course)s“") % {"course": title}
        lead = _("Ihre Pflichtschulung „%(course)s“ ist heute, am %(due)s, fällig.")
    else:
        subject = _("Überfällig: „%(course)s“") % {"course": title}
        lead = _(
            "Ihre Pflichtschulung „%(course)s“ war am %(due)s fällig. "
            "Bitte holen Sie sie bald nach – Sie können jederzeit dort weitermachen, "
            "wo Sie aufgehört haben."
        )
    body = "\n\n".join(
        [
            _("Guten Tag %(name)s,") % {"name": name},
            lead % {"course": title, "due": date_format(due, "SHORT_DATE_FORMAT")},
            _("Zu Ihren Schulungen: %(url)s") % {"url": link},
            _("Ihr Lotse-Team"),
        ]
    )
    return subject, body


def _plan(today: dt.date) -> list[_Planned]:
    titles: dict[int, str] = {}
    units = {u.pk: u for u in OrgUnit.objects.prefetch_related("heads")}
    planned: list[_Planned] = []
    open_enrolments = (
        Enrolment.objects.filter(
            is_current=True,
            completed_at__isnull=True,
            withdrawn_at__isnull=True,
            due_on__isnull=False,
            due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
            user__is_active=True,
        )
        .select_related("user", "user__staff")
        .order_by("id")
    )
    for enrolment in open_enrolments:
        user = enrolment.user
        title = _course_title(enrolment.course_id, titles)
        name = user.get_full_name() or user.username
        due = enrolment.due_on
        assert due is not None  # the query keeps only enrolments with a due date
        for kind in _learner_kinds(due, today):
            subject, body = _learner_text(kind, name, title, due)
            planned.append(_Planned(user, enrolment, kind, subject, body))
        overdue_days = (today - due).days
        if overdue_days >= ESCALATION_AFTER_DAYS:
            staff = getattr(user, "staff", None)
            for head in _heads_for(
                staff.org_unit_id if staff else None, user.pk, units
            ):
                subject = _("Überfällige Pflichtschulung in Ihrem Bereich")
                body = "\n\n".join(
                    [
                        _("Guten Tag %(name)s,")
                        % {"name": head.get_full_name() or head.username},
                        _(
                            "die Pflichtschulung „%(course)s“ von %(person)s war am "
                            "%(due)s fällig und ist noch nicht abgeschlossen."
                        )
                        % {
                            "course": title,
                            "person": name,
                            "due": date_format(due, "SHORT_DATE_FORMAT"),
                        },
                        _(
                            "Dieser Hinweis dient dem Nachweis der Pflichtunterweisung. "
                            "Bitte sprechen Sie die Person an und ermöglichen Sie ihr die "
                            "Zeit für die Schulung."
                        ),
                        _("Ihr Lotse-Team"),
                    ]
                )
                planned.append(
                    _Planned(
                        head,
                        enrolment,
                        f"{Notification.KIND_ESCALATION}:{head.pk}",
                        subject,
                        body,
                    )
                )
    expiring = (
        Certificate.objects.filter(
            valid_until__gte=today,
            valid_until__lte=today + dt.timedelta(days=EXPIRY_WARNING_DAYS),
            user__is_active=True,
        )
        .select_related("enrolment", "user")
        .order_by("id")
    )
    renewed = set(
        Enrolment.objects.filter(completed_at__isnull=False).values_list(
            "user_id", "course_id", "cycle"
        )
    )
    for certificate in expiring:
        enrolment = certificate.enrolment
        if any(
            (enrolment.user_id, enrolment.course_id, c) in renewed
            for c in range(enrolment.cycle + 1, enrolment.cycle + 4)
        ):
            continue
        user = certificate.user
        valid_until = certificate.valid_until
        assert valid_until is not None  # the query keeps only expiring certificates
        subject = _("Ihr Zertifikat „%(course)s“ läuft bald ab") % {
            "course": certificate.course_title
        }
        body = "\n\n".join(
            [
                _("Guten Tag %(name)s,")
                % {"name": user.get_full_name() or user.username},
                _(
                    "Ihr Zertifikat „%(course)s“ ist noch bis zum %(date)s gültig. "
                    "Frischen Sie die Schulung rechtzeitig auf."
                )
                % {
                    "course": certificate.course_title,
                    "date": date_format(valid_until, "SHORT_DATE_FORMAT"),
                },
                _("Ihr Lotse-Team"),
            ]
        )
        planned.append(
            _Planned(user, enrolment, Notification.KIND_EXPIRY, subject, body)
        )
    return planned


def reminders_send_due(*, now: dt.datetime | None = None) -> int:
    """Send every reminder that is due today and not sent yet; returns how many."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    planned = _plan(today)
    sent_before = set(
        Notification.objects.filter(
            enrolment_id__in={p.enrolment.pk for p in planned}
        ).values_list("enrolment_id", "kind")
    )
    sent = 0
    for item in planned:
        if (item.enrolment.pk, item.kind) in sent_before:
            continue
        if notification_send(
            recipient=item.recipient,
            enrolment=item.enrolment,
            kind=item.kind,
            subject=item.subject,
            body=item.body,
            now=now,
        ):
            sent += 1
    return sent


KIND_MANUAL = "manual"  # stored as "manual:<date>": sent by hand, once a day


@dataclass
class ManualRemindersResult:
    sent: int = 0
    skipped: int = 0  # reminded today already, no longer overdue, or inactive


def reminders_send_overdue(
    *, enrolment_ids: list[int], now: dt.datetime | None = None
) -> ManualRemindersResult:
    """Remind the people of these enrolments of their overdue mandatory course.

    The training admin's "Erinnerung senden" on the compliance page, after a
    confirmation. Only enrolments still overdue are reminded, and each person at
    most once a day: whoever received a reminder today (scheduled or by hand) is
    skipped. Exactly once like the scheduled reminders: the notification's unique
    (enrolment, cycle, kind) with kind "manual:<date>" stops a second send, also
    when two people press the button at the same time.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    result = ManualRemindersResult()
    enrolments = list(
        Enrolment.objects.filter(pk__in=enrolment_ids)
        .select_related("user")
        .order_by("user_id", "id")
    )
    start_of_day = timezone.make_aware(
        dt.datetime.combine(today, dt.time.min), timezone.get_current_timezone()
    )
    reminded_today = set(
        Notification.objects.filter(
            recipient_id__in={e.user_id for e in enrolments},
            created_at__gte=start_of_day,
        ).values_list("recipient_id", flat=True)
    )
    valid_certificates = set(
        Certificate.objects.filter(
            enrolment_id__in=[e.pk for e in enrolments],
        )
        .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=today))
        .values_list("enrolment_id", flat=True)
    )
    titles: dict[int, str] = {}
    kind = f"{KIND_MANUAL}:{today.isoformat()}"
    for enrolment in enrolments:
        user = enrolment.user
        overdue = (
            enrolment.is_current
            and enrolment.is_mandatory
            and enrolment.completed_at is None
            and enrolment.pk not in valid_certificates
            and enrolment.due_on is not None
            and enrolment.due_on < today
            and user.is_active
        )
        if not overdue or user.pk in reminded_today:
            result.skipped += 1
            continue
        assert enrolment.due_on is not None  # checked above
        subject, body = _learner_text(
            kind,
            user.get_full_name() or user.username,
            _course_title(enrolment.course_id, titles),
            enrolment.due_on,
        )
        if notification_send(
            recipient=user,
            enrolment=enrolment,
            kind=kind,
            subject=subject,
            body=body,
            now=now,
        ):
            reminded_today.add(user.pk)
            result.sent += 1
        else:
            result.skipped += 1
    return result
