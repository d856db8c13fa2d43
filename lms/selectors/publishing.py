"""What publishing course content changes for the people enrolled (aggregates only).

Shown to the lead trainer before approving a page in the review and on the CMS
dashboard. Counts only, never names: how many completed the course and how many are
in the middle of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from courses.selectors import editing as editing_selectors
from lms.models import Enrolment

# A count of 1 to 4 learners is shown as "< 5": with the course it could point to
# a person (the same rule as the department dashboards).
MIN_GROUP = 5
SUPPRESSED_TEXT = "< 5"


def shown_count(n: int) -> int | str:
    """A learner count as the editing room shows it: 0 and from 5 on the figure."""
    return SUPPRESSED_TEXT if 0 < n < MIN_GROUP else n


@dataclass(frozen=True)
class PublishImpact:
    page_title: str
    kind: str  # "lesson", "course", "other"
    is_new: bool
    course_title: str
    completed: int
    in_progress: int
    mandatory: int  # current enrolments assigned by a rule


def course_learner_counts(course_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per course: current enrolments completed and not yet completed (one query)."""
    rows = (
        Enrolment.objects.filter(course_id__in=course_ids, is_current=True)
        .filter(Q(withdrawn_at__isnull=True) | Q(completed_at__isnull=False))
        .values("course_id")
        .annotate(
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            in_progress=Count("pk", filter=Q(completed_at__isnull=True)),
            mandatory=Count("pk", filter=Q(source=Enrolment.SOURCE_RULE)),
        )
    )
    counts = {
        course_id: {"completed": 0, "in_progress": 0, "mandatory": 0}
        for course_id in course_ids
    }
    for row in rows:
        counts[row["course_id"]] = {
            "completed": row["completed"],
            "in_progress": row["in_progress"],
            "mandatory": row["mandatory"],
        }
    return counts


def publish_impact(page_id: int) -> PublishImpact | None:
    """What publishing this page changes for the learners of its course, or None."""
    facts = editing_selectors.page_review_facts(page_id)
    if facts is None:
        return None
    counts = (
        course_learner_counts([facts.course_id])[facts.course_id]
        if facts.course_id is not None
        else {"completed": 0, "in_progress": 0, "mandatory": 0}
    )
    return PublishImpact(
        page_title=facts.title,
        kind=facts.kind,
        is_new=facts.is_new,
        course_title=facts.course_title,
        **counts,
    )
