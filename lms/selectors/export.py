"""The personal data export: everything the learning core holds about one person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.models import (
    Acknowledgement,
    CalendarFeed,
    Certificate,
    Enrolment,
    LearningEvent,
    LessonProgress,
    Notification,
    QuizAttempt,
    StaffProfile,
)
from lms.selectors import content
from lms.selectors.org import user_roles
from sandbox import selectors as sandbox_selectors


def _iso(value):
    return value.isoformat() if value is not None else None


def personal_data_export(user) -> dict:
    """Everything Lotse's learning core holds about one person (their right of access)."""
    profile = StaffProfile.objects.select_related("org_unit").filter(user=user).first()
    enrolments = list(
        Enrolment.objects.filter(user=user).order_by("course_id", "cycle")
    )
    ids = [e.pk for e in enrolments]
    return {
        "format": "lotse-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "personnel_number": profile.personnel_number if profile else None,
            "org_unit": profile.org_unit.name if profile else None,
            "job_title": profile.job_title if profile else None,
            "roles": sorted(user_roles(user)),
        },
        "enrolments": [
            {
                "id": e.pk,
                "course": e.course_id,
                "cycle": e.cycle,
                "current": e.is_current,
                "source": e.source,
                "assigned_at": _iso(e.assigned_at),
                "due_on": _iso(e.due_on),
                "completed_at": _iso(e.completed_at),
                "withdrawn_at": _iso(e.withdrawn_at),
            }
            for e in enrolments
        ],
        "progress": [
            {
                "enrolment": p.enrolment_id,
                "lesson": p.lesson_id,
                "completed_at": _iso(p.completed_at),
            }
            for p in LessonProgress.objects.filter(enrolment_id__in=ids)
        ],
        "acknowledgements": [
            {
                "enrolment": a.enrolment_id,
                "lesson": a.lesson_id,
                "block": a.block_id,
                "created_at": _iso(a.created_at),
            }
            for a in Acknowledgement.objects.filter(enrolment_id__in=ids)
        ],
        "quiz_attempts": [
            {
                "enrolment": q.enrolment_id,
                "lesson": q.lesson_id,
                "block": q.block_id,
                "number": q.number,
                "answers": q.answers,
                "score": q.score,
                "passed": q.passed,
                "created_at": _iso(q.created_at),
            }
            for q in QuizAttempt.objects.filter(enrolment_id__in=ids).order_by("id")
        ],
        "certificates": [
            {
                "code": c.code,
                "course": c.course_id,
                "course_title": c.course_title,
                "holder_name": c.holder_name,
                "completed_on": _iso(c.completed_on),
                "valid_until": _iso(c.valid_until),
                "issued_at": _iso(c.issued_at),
            }
            for c in Certificate.objects.filter(user=user).order_by("id")
        ],
        "notifications": [
            {
                "kind": n.kind,
                "subject": n.subject,
                "body": n.body,
                "created_at": _iso(n.created_at),
                "read_at": _iso(n.read_at),
                "emailed_at": _iso(n.emailed_at),
            }
            for n in Notification.objects.filter(recipient=user).order_by("id")
        ],
        "exemptions": [
            {
                "course": x.course_id,
                "reason": x.reason,
                "created_at": _iso(x.created_at),
            }
            for x in user.training_exemptions.all()
        ],
        "learning_events": [
            event.as_xapi()
            for event in LearningEvent.objects.filter(actor=user).order_by("id")
        ],
        "sandbox_runs": sandbox_selectors.runs_export_for_user(user_id=user.pk),
        "calendar_feed": [
            {"created_at": _iso(f.created_at)}
            for f in CalendarFeed.objects.filter(user=user)
        ],
    }


# The keys of the download, explained on the "Meine Daten" page (and in the README).
EXPORT_KEYS = {
    "format": gettext_lazy("Version des Formats (lotse-personal-data/1)"),
    "exported_at": gettext_lazy("Zeitpunkt des Downloads"),
    "profile": gettext_lazy(
        "Name, Benutzername, E-Mail, Personalnummer, Einheit, Funktion, Rollen"
    ),
    "enrolments": gettext_lazy(
        "Einschreibungen: Kurs (course), Durchgang, Herkunft (source: rule = "
        "zugewiesen, self = selbst gewählt), zugewiesen, fällig, abgeschlossen"
    ),
    "progress": gettext_lazy("Erledigte Lektionen mit Datum"),
    "acknowledgements": gettext_lazy("Bestätigte Kenntnisnahmen mit Datum"),
    "quiz_attempts": gettext_lazy(
        "Quizversuche mit Ihren Antworten (answers), Ergebnis in Prozent und bestanden"
    ),
    "certificates": gettext_lazy("Zertifikate mit Prüfcode und Gültigkeit"),
    "notifications": gettext_lazy("Benachrichtigungen und Erinnerungen an Sie"),
    "exemptions": gettext_lazy("Befreiungen von Pflichtschulungen mit Begründung"),
    "learning_events": gettext_lazy(
        "Lernprotokoll (xAPI-Aussagen): wann Sie was gelernt haben"
    ),
    "sandbox_runs": gettext_lazy(
        "Übungsraum-Durchläufe mit Eingaben, Hinweisen, Punkten und Befunden"
    ),
    "calendar_feed": gettext_lazy(
        "Ihr Kalender-Abo (nur das Datum, nicht die Adresse)"
    ),
}


def _when(value: str | None, *, with_time: bool = True) -> str:
    if not value:
        return "–"
    moment = dt.datetime.fromisoformat(value)
    if isinstance(moment, dt.datetime) and len(value) > 10 and with_time:
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    return formats.date_format(moment, "SHORT_DATE_FORMAT")


def _yes(value: bool) -> str:
    return _("ja") if value else _("nein")


def _course_title(course_id) -> str:
    outline = content.course_outline(course_id) if course_id else None
    return outline.info.title if outline else _("Kurs %(id)s") % {"id": course_id}


def _lesson_title(lesson_id) -> str:
    course_id = content.course_id_of_lesson(lesson_id)
    outline = content.course_outline(course_id) if course_id else None
    lesson = outline.lesson(lesson_id) if outline else None
    return lesson.title if lesson else _("Lektion %(id)s") % {"id": lesson_id}


def personal_data_overview(data: dict) -> list[dict[str, Any]]:
    """The export as readable German sections: heading, JSON key, table rows."""
    profile = data["profile"]
    sections: list[dict[str, Any]] = [
        {
            "key": "profile",
            "title": _("Ihr Profil"),
            "headers": [_("Angabe"), _("Wert")],
            "rows": [
                [_("Name"), f"{profile['first_name']} {profile['last_name']}"],
                [_("Benutzername"), profile["username"]],
                [_("E-Mail"), profile["email"] or "–"],
                [_("Personalnummer"), profile["personnel_number"] or "–"],
                [_("Organisationseinheit"), profile["org_unit"] or "–"],
                [_("Funktion"), profile["job_title"] or "–"],
                [_("Rollen"), ", ".join(profile["roles"]) or "–"],
            ],
        },
        {
            "key": "enrolments",
            "title": _("Einschreibungen"),
            "headers": [
                _("Kurs"),
                _("Durchgang"),
                _("Herkunft"),
                _("Fällig am"),
                _("Abgeschlossen am"),
            ],
            "rows": [
                [
                    _course_title(e["course"]),
                    str(e["cycle"]),
                    _("zugewiesen") if e["source"] != "self" else _("selbst gewählt"),
                    _when(e["due_on"]),
                    _when(e["completed_at"]),
                ]
                for e in data["enrolments"]
            ],
        },
        {
            "key": "progress",
            "title": _("Erledigte Lektionen"),
            "headers": [_("Lektion"), _("Erledigt am")],
            "rows": [
                [_lesson_title(p["lesson"]), _when(p["completed_at"])]
                for p in data["progress"]
            ],
        },
        {
            "key": "acknowledgements",
            "title": _("Kenntnisnahmen"),
            "headers": [_("Lektion"), _("Bestätigt am")],
            "rows": [
                [_lesson_title(a["lesson"]), _when(a["created_at"])]
                for a in data["acknowledgements"]
            ],
        },
        {
            "key": "quiz_attempts",
            "title": _("Quizversuche (nur Sie sehen sie)"),
            "headers": [_("Lektion"), _("Versuch"), _("Ergebnis"), _("Abgegeben am")],
            "rows": [
                [
                    _lesson_title(q["lesson"]),
                    str(q["number"]),
                    f"{q['score']} % ({_('bestanden') if q['passed'] else _('nicht bestanden')})",
                    _when(q["created_at"]),
                ]
                for q in data["quiz_attempts"]
            ],
        },
        {
            "key": "certificates",
            "title": _("Zertifikate"),
            "headers": [
                _("Kurs"),
                _("Prüfcode"),
                _("Abgeschlossen am"),
                _("Gültig bis"),
            ],
            "rows": [
                [
                    c["course_title"],
                    c["code"],
                    _when(c["completed_on"]),
                    _when(c["valid_until"]) if c["valid_until"] else _("unbegrenzt"),
                ]
                for c in data["certificates"]
            ],
        },
        {
            "key": "notifications",
            "title": _("Benachrichtigungen"),
            "headers": [_("Betreff"), _("Erstellt am"), _("Gelesen")],
            "rows": [
                [n["subject"], _when(n["created_at"]), _yes(n["read_at"])]
                for n in data["notifications"]
            ],
        },
        {
            "key": "exemptions",
            "title": _("Befreiungen"),
            "headers": [_("Kurs"), _("Begründung"), _("Eingetragen am")],
            "rows": [
                [_course_title(x["course"]), x["reason"], _when(x["created_at"])]
                for x in data["exemptions"]
            ],
        },
        {
            "key": "sandbox_runs",
            "title": _("Übungsraum-Durchläufe (nur Sie sehen sie)"),
            "headers": [_("Prozess"), _("Fall"), _("Punkte"), _("Begonnen am")],
            "rows": [
                [
                    r["process"],
                    r["case"],
                    "–" if r["score"] is None else str(r["score"]),
                    _when(r["created_at"]),
                ]
                for r in data["sandbox_runs"]
            ],
        },
        {
            "key": "calendar_feed",
            "title": _("Kalender-Abo"),
            "headers": [_("Erzeugt am")],
            "rows": [[_when(f["created_at"])] for f in data["calendar_feed"]],
        },
    ]
    events = len(data["learning_events"])
    sections.append(
        {
            "key": "learning_events",
            "title": _("Lernprotokoll"),
            "headers": [],
            "rows": [],
            "summary": _(
                "%(count)s Einträge: wann Sie eine Lektion, ein Quiz oder einen Kurs "
                "begonnen oder abgeschlossen haben. Die Einzelheiten stehen in der "
                "JSON-Datei."
            )
            % {"count": events},
        }
    )
    for section in sections:
        section["description"] = EXPORT_KEYS[str(section["key"])]
    return sections
