"""Survey waves open for a person, and the results of a wave (from 5 answers on)."""

from __future__ import annotations

from django.db.models import Avg, Count
from django.utils import timezone

from analytics.models import Initiative, SurveyAnswer, SurveyWave
from analytics.pseudonyms import survey_pseudonym
from analytics.selectors.scope import process_scopes
from analytics.suppression import MIN_GROUP
from lms.selectors.org import org_ancestor_ids, staff_profile_of
from lms.selectors.readiness import (
    person_assigned_to_courses,
    staff_assigned_to_courses,
    staff_units,
)


def open_waves_for(user) -> list[SurveyWave]:
    """Open waves of the initiatives whose scope includes this person: their unit
    lies in the subtree of one of its units (and it tracks a process, as
    `process_scopes` counts), or they are assigned one of its courses."""
    today = timezone.localdate()
    waves = list(
        SurveyWave.objects.filter(
            opens_on__lte=today, closes_on__gte=today, closed_at__isnull=True
        )
        .select_related("initiative")
        .order_by("closes_on")
    )
    if not waves:
        return []
    profile = staff_profile_of(user)
    above = org_ancestor_ids(profile.org_unit_id) if profile is not None else set()
    roots: dict[int, set[int]] = {}
    for initiative_id, unit_id in Initiative.org_units.through.objects.filter(
        initiative_id__in={wave.initiative_id for wave in waves}
    ).values_list("initiative_id", "orgunit_id"):
        roots.setdefault(initiative_id, set()).add(unit_id)
    result = []
    for wave in waves:
        initiative = wave.initiative
        in_scope = bool(initiative.process_ids) and bool(
            roots.get(initiative.pk, set()) & above
        )
        if not in_scope:
            in_scope = person_assigned_to_courses(
                user_id=user.pk, course_ids=initiative.course_ids
            )
        if in_scope:
            result.append(wave)
    return result


def waves_to_answer(user) -> list[SurveyWave]:
    """Open waves in scope of this person that they have not answered yet."""
    waves = open_waves_for(user)
    if not waves:
        return []
    answered = set(
        SurveyAnswer.objects.filter(
            wave__in=waves,
            pseudonym__in=[survey_pseudonym(w.pk, user.pk) for w in waves],
        ).values_list("wave_id", flat=True)
    )
    return [wave for wave in waves if wave.pk not in answered]


def wave_scope_user_ids(wave: SurveyWave) -> set[int]:
    """Ids of the active staff in scope of a wave's initiative: the people in its
    units (with subtrees) and those assigned one of its courses."""
    scopes = process_scopes(initiative_id=wave.initiative_id)
    units = set().union(*(s.unit_ids for s in scopes.values())) if scopes else set()
    people = set(staff_units(unit_ids=units)) if units else set()
    return people | set(
        staff_assigned_to_courses(course_ids=wave.initiative.course_ids)
    )


def waves_open_on(day) -> list[int]:
    """Ids of the waves open on a day."""
    return list(
        SurveyWave.objects.filter(
            opens_on__lte=day, closes_on__gte=day, closed_at__isnull=True
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def survey_results(wave: SurveyWave) -> dict | None:
    """Means per ADKAR statement and the free texts, or None below 5 answers."""
    answers = SurveyAnswer.objects.filter(wave=wave)
    summary = answers.aggregate(
        n=Count("id"),
        awareness=Avg("awareness"),
        desire=Avg("desire"),
        knowledge=Avg("knowledge"),
        ability=Avg("ability"),
        reinforcement=Avg("reinforcement"),
    )
    if summary["n"] < MIN_GROUP:
        return None
    concerns = sorted(
        c for c in answers.exclude(concern="").values_list("concern", flat=True)
    )
    return {
        "n": summary["n"],
        "means": {k: v for k, v in summary.items() if k != "n"},
        # Free text only where at least 5 people wrote some: never one voice alone.
        "concerns": concerns if len(concerns) >= MIN_GROUP else [],
        "concerns_withheld": 0 < len(concerns) < MIN_GROUP,
    }
