"""Demo analytics for Musterstadt: three initiatives, practice evidence, a survey
wave, 26 weeks of adoption figures and a readiness history.

Runs after the learning data. Deterministic (seeded random) and idempotent: does
nothing once initiatives exist. What it shows on purpose:

- small units in scope (Rechnungsprüfung 3, Gleichstellung 2, Datenschutz 1) show
  "< 5" on the dashboards;
- the Bürgerbüro's own three members make its Team Pass- und Ausweiswesen
  suppressed as well (complementary: Bürgerbüro minus Meldewesen would reveal it);
- every unit in scope of an initiative reports 26 weeks of case numbers for its
  process, rising along an S-curve after the go-live;
- the Bauaufsicht is well prepared for the building application but hardly uses
  it ("ready but not using": an obstacle in the process, not in the people); every
  other unit's digital share ends between 40 and 80 per cent.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from django.db import transaction
from django.utils import timezone

from analytics.models import (
    AdoptionFigure,
    Initiative,
    ReadinessAggregate,
    ReadinessEvidence,
    SurveyAnswer,
    SurveyWave,
)
from analytics.selectors.scope import process_scopes
from analytics.services.recompute import readiness_recompute
from analytics.services.surveys import survey_pseudonym
from lms.models import OrgUnit, StaffProfile
from lms.selectors import content

# title, process, course slugs, unit codes, days since go-live, target %
INITIATIVES = [
    (
        "Hund anmelden – digital",
        "hund_anmelden",
        ["hund-anmelden-digital"],
        [
            "ordnungsamt",
            "finanzen",
            "rechnungspruefung",
            "gleichstellung",
            "datenschutz",
        ],
        150,
        80,
    ),
    (
        "Personalausweis digital",
        "personalausweis",
        ["personalausweis-digital"],
        ["buergerbuero", "standesamt"],
        120,
        70,
    ),
    (
        "Bauantrag digital",
        "bauantrag",
        ["bauantrag-digital-pruefen"],
        ["bauaufsicht", "stadtplanung"],
        100,
        60,
    ),
]
# Every unit in scope of an initiative reports its process's cases each week. These
# have their own curve: process -> {unit code: (cases a week, final share, weeks to
# half of it)}; the others handle about one case a week per two members of staff
# (at least two) and get a final share of 45–80 % reached half after 8–16 weeks.
ADOPTION = {
    "hund_anmelden": {"ordnungsamt": (40, 0.75, 10), "finanzen": (25, 0.65, 14)},
    "personalausweis": {"bb-pass": (120, 0.6, 8), "bb-melde": (30, 0.45, 12)},
    "bauantrag": {"bauaufsicht": (18, 0.12, 20), "stadtplanung": (6, 0.4, 10)},
}
# How practised the staff of a unit are: chance of a clean run.
PRACTICE = {"bauaufsicht": 0.95, "ordnungsamt": 0.7, "bb-pass": 0.6}
WEEKS = 26
HISTORY_WEEKS = 10


def seed_analytics(*, stdout=None) -> None:
    """Create the demo initiatives, evidence, survey, adoption and history."""
    if Initiative.objects.exists():
        return
    slugs = {}
    for course_id in content.course_ids_live():
        outline = content.course_outline(course_id)
        if outline is not None:
            slugs[outline.info.slug] = course_id
    units = {u.code: u for u in OrgUnit.objects.all()}
    today = timezone.localdate()
    rng = random.Random(1848)
    with transaction.atomic():
        for title, process, courses, codes, days, target in INITIATIVES:
            initiative = Initiative.objects.create(
                title=title,
                go_live=today - dt.timedelta(days=days),
                process_ids=[process],
                course_ids=[slugs[s] for s in courses if s in slugs],
                target_share=target,
            )
            initiative.org_units.set([units[c] for c in codes if c in units])
        scopes = process_scopes()
        _evidence(scopes, rng)
        _survey(rng, today)
        _adoption(scopes, rng, today)
    readiness_recompute(day=today)
    _history(today)
    if stdout:
        stdout.write(
            f"Auswertungen: {Initiative.objects.count()} Vorhaben, "
            f"{SurveyAnswer.objects.count()} Antworten, "
            f"{AdoptionFigure.objects.count()} Wochenzahlen."
        )


def _people_in(scope) -> list[tuple[int, str]]:
    return list(
        StaffProfile.objects.filter(org_unit_id__in=scope.unit_ids).values_list(
            "user_id", "org_unit__code"
        )
    )


def _evidence(scopes, rng: random.Random) -> None:
    now = timezone.now()
    rows = []
    for process_id, scope in scopes.items():
        for user_id, code in _people_in(scope):
            chance = PRACTICE.get(code, 0.45)
            runs = 3 if code in PRACTICE else rng.choice([0, 1, 2, 3, 3, 3])
            recent = [rng.random() < chance for _ in range(runs)]
            if not recent:
                continue
            rows.append(
                ReadinessEvidence(
                    user_id=user_id,
                    process_id=process_id,
                    recent=recent,
                    clean_runs=sum(recent),
                    passed_ever=any(recent) or rng.random() < 0.3,
                    last_run_at=now - dt.timedelta(days=rng.randint(1, 60)),
                )
            )
    ReadinessEvidence.objects.bulk_create(rows)


def _survey(rng: random.Random, today: dt.date) -> None:
    concerns = [
        "Ich habe Sorge, dass das System am Anfang langsam ist.",
        "Bitte mehr Übungsfälle mit Sonderfällen.",
        "Wer hilft, wenn der Antrag hängen bleibt?",
        "Die Schulung war gut, ich brauche noch Zeit zum Üben.",
        "Wie erreichen wir Bürgerinnen ohne Internet?",
        "Gut, dass die Finanzen nur die nötigen Daten sehen.",
    ]
    answers = []
    for initiative in Initiative.objects.all():
        wave = SurveyWave.objects.create(
            initiative=initiative,
            title=f"Stimmungsbild {initiative.title}",
            opens_on=today - dt.timedelta(days=10),
            closes_on=today + dt.timedelta(days=20),
            invited_at=timezone.now() - dt.timedelta(days=10),
        )
        scope = process_scopes(initiative_id=initiative.pk)
        people = {p for s in scope.values() for p in _people_in(s)}
        for user_id, code in sorted(people):
            if code == "datenschutz" or rng.random() > 0.85:
                continue
            mood = 5 if code in ("bauaufsicht", "ordnungsamt") else 4
            answers.append(
                SurveyAnswer(
                    wave=wave,
                    pseudonym=survey_pseudonym(wave.pk, user_id),
                    org_unit_id=OrgUnit.objects.only("id").get(code=code).pk,
                    awareness=min(5, max(1, mood + rng.choice([-1, 0, 0, 1]))),
                    desire=min(5, max(1, mood + rng.choice([-2, -1, 0, 0, 1]))),
                    knowledge=min(5, max(1, mood + rng.choice([-1, 0, 0, 1]))),
                    ability=min(5, max(1, mood + rng.choice([-1, 0, 0, 1]))),
                    reinforcement=min(5, max(1, mood + rng.choice([-1, 0, 1]))),
                    concern=rng.choice(concerns) if rng.random() < 0.2 else "",
                    answered_on=today - dt.timedelta(days=rng.randint(0, 9)),
                )
            )
    SurveyAnswer.objects.bulk_create(answers)


def _adoption_curves(scopes, rng: random.Random) -> list[tuple]:
    """(unit, process, cases a week, final share, weeks to half) for every unit in
    scope of each process."""
    staff: dict[int, int] = {}
    for unit_id in StaffProfile.objects.values_list("org_unit_id", flat=True):
        staff[unit_id] = staff.get(unit_id, 0) + 1
    curves = []
    for process_id in sorted(scopes):
        own = ADOPTION.get(process_id, {})
        units = OrgUnit.objects.filter(id__in=scopes[process_id].unit_ids)
        for unit in units.order_by("code"):
            if unit.code in own:
                curves.append((unit, process_id, *own[unit.code]))
            else:
                cases = max(2, staff.get(unit.id, 0) // 2)
                final = round(rng.uniform(0.45, 0.8), 2)
                curves.append((unit, process_id, cases, final, rng.randint(8, 16)))
    return curves


def _adoption(scopes, rng: random.Random, today: dt.date) -> None:
    monday = today - dt.timedelta(days=today.weekday())
    rows = []
    for unit, process_id, cases, final, half in _adoption_curves(scopes, rng):
        for weeks_ago in range(WEEKS, 0, -1):
            start = monday - dt.timedelta(weeks=weeks_ago)
            elapsed = WEEKS - weeks_ago
            share = final / (1 + math.exp(-(elapsed - half) / 3))
            total = max(1, cases + rng.randint(-cases // 5, cases // 5))
            # Each case digital or on paper: few cases scatter as they do.
            digital = sum(rng.random() < share for _case in range(total))
            year, week, _day = start.isocalendar()
            rows.append(
                AdoptionFigure(
                    org_unit=unit,
                    process_id=process_id,
                    week=f"{year}-W{week:02d}",
                    week_start=start,
                    digital=digital,
                    total=total,
                )
            )
    AdoptionFigure.objects.bulk_create(rows)


def _history(today: dt.date) -> None:
    """Earlier weekly sums that rise towards today's, for the trend chart (the
    demo has no past nights to compute them from)."""
    current = list(ReadinessAggregate.objects.filter(day=today))
    rows = []
    for weeks_ago in range(HISTORY_WEEKS, 0, -1):
        factor = 1 - 0.05 * weeks_ago
        for row in current:
            ready = int(row.ready * max(0.0, factor - 0.2))
            rows.append(
                ReadinessAggregate(
                    day=today - dt.timedelta(weeks=weeks_ago),
                    org_unit_id=row.org_unit_id,
                    process_id=row.process_id,
                    n=row.n,
                    readiness_sum=row.readiness_sum * factor,
                    ready=ready,
                    started=int(row.started * factor),
                    course_completed=int(row.course_completed * factor),
                    sandbox_passed=int(row.sandbox_passed * factor),
                    barrier_a=row.barrier_a,
                    barrier_d=row.barrier_d,
                    barrier_k=row.barrier_k,
                    barrier_ab=row.barrier_ab + (row.ready - ready),
                    barrier_r=row.barrier_r,
                    barrier_none=row.barrier_none - (row.ready - ready),
                )
            )
    ReadinessAggregate.objects.bulk_create(rows)
