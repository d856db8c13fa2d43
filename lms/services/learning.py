"""Every write of the learning core: rules, enrolments, progress, quizzes, completion.

Each service runs in one transaction and first locks the person's user row
(`_lock_person`), so two simultaneous requests of one person (two clicks, two tabs)
run one after the other on PostgreSQL; unique constraints back this up.
Times are passed in as `now` (default: the current time) so tests fix them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import roles
from lms.models import (
    Acknowledgement,
    AssignmentRule,
    Certificate,
    Enrolment,
    Exemption,
    LearningEvent,
    LessonProgress,
    OrgUnit,
    QuizAttempt,
    StaffProfile,
)
from lms.selectors import content
from lms.selectors.org import org_subtree_ids
from lms.services import grading

User = get_user_model()

DOUBLE_SUBMIT_SECONDS = 10


class LearningError(ValidationError):
    """A learning action that is not possible (German message for the person)."""


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _today(now: dt.datetime) -> dt.date:
    return timezone.localdate(now)


def _lock_person(user_id: int) -> None:
    User.objects.select_for_update().filter(pk=user_id).first()


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
        timestamp=_now(now),
    )


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# --- Enrolments ------------------------------------------------------------------------


def enrolment_create(
    *, user, course_id: int, now: dt.datetime | None = None
) -> Enrolment:
    """Self-enrol a person in a published course (optional training)."""
    now = _now(now)
    outline = content.course_outline(course_id)
    if outline is None:
        raise LearningError(
            {"course": _("Diesen Kurs gibt es nicht oder er ist nicht veröffentlicht.")}
        )
    with transaction.atomic():
        _lock_person(user.pk)
        if Enrolment.objects.filter(
            user=user, course_id=course_id, is_current=True
        ).exists():
            raise LearningError(
                {"course": _("Sie sind in diesem Kurs bereits eingeschrieben.")}
            )
        enrolment = _self_enrolment_new(user=user, course_id=course_id, now=now)
    return enrolment


def _self_enrolment_new(*, user, course_id: int, now) -> Enrolment:
    """An optional enrolment the person chose, logged as `registered`."""
    enrolment = _enrolment_new(
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


def _enrolment_new(
    *, user_id, course_id, source, now, rule=None, due_on=None, cycle=1
) -> Enrolment:
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


def _current_or_self_enrolment(user, course_id: int, now) -> Enrolment:
    """The current enrolment; learning in a course one is not enrolled in enrols."""
    enrolment = Enrolment.objects.filter(
        user=user, course_id=course_id, is_current=True
    ).first()
    if enrolment is None:
        enrolment = _self_enrolment_new(user=user, course_id=course_id, now=now)
    return enrolment


# --- Assignment rules ------------------------------------------------------------------


@dataclass
class RulesResult:
    created: int = 0
    reactivated: int = 0
    withdrawn: int = 0
    cycles_opened: int = 0


def assignment_rule_save(*, rule: AssignmentRule) -> AssignmentRule:
    """Validate and save a rule, then apply all rules once the change is committed."""
    if content.course_outline(rule.course_id) is None:
        raise ValidationError(
            {"course_id": _("Einen veröffentlichten Kurs mit dieser ID gibt es nicht.")}
        )
    with transaction.atomic():
        rule.full_clean()
        rule.save()
        _queue_rules_apply()
    return rule


def assignment_rule_delete(*, rule: AssignmentRule) -> None:
    """Delete a rule; enrolments stay (withdrawn if unfinished and no rule matches)."""
    with transaction.atomic():
        rule.delete()
        _queue_rules_apply()


def exemption_create(*, user, course_id: int, reason: str, actor=None) -> Exemption:
    """Exempt a person from a mandatory course; their records stay."""
    with transaction.atomic():
        exemption = Exemption(
            user=user, course_id=course_id, reason=reason.strip(), created_by=actor
        )
        exemption.full_clean()
        exemption.save()
        rules_apply(user_ids=[user.pk])
    return exemption


def _queue_rules_apply(user_ids: list[int] | None = None) -> None:
    from lms.tasks import learning_rules_apply

    transaction.on_commit(lambda: learning_rules_apply.delay(user_ids=user_ids))


def _person_roles(user_ids: set[int] | None) -> dict[int, set[str]]:
    members = User.groups.through.objects.select_related("group")
    heads = OrgUnit.heads.through.objects.all()
    supers = User.objects.filter(is_superuser=True)
    if user_ids is not None:
        members = members.filter(user_id__in=user_ids)
        heads = heads.filter(user_id__in=user_ids)
        supers = supers.filter(pk__in=user_ids)
    found: dict[int, set[str]] = {}
    for user_id, group_name in members.values_list("user_id", "group__name"):
        if group_name in roles.ROLE_BY_GROUP:
            found.setdefault(user_id, set()).add(roles.ROLE_BY_GROUP[group_name])
    for user_id in heads.values_list("user_id", flat=True):
        found.setdefault(user_id, set()).add(roles.HEAD)
    for user_id in supers.values_list("pk", flat=True):
        found.setdefault(user_id, set()).add(roles.ADMIN)
    return found


def _matching_rules(now) -> dict[int, list[AssignmentRule]]:
    today = _today(now)
    rules = [
        r
        for r in AssignmentRule.objects.filter(is_active=True).order_by(
            "due_days", "id"
        )
        if r.starts_on is None or r.starts_on <= today
    ]
    by_course: dict[int, list[AssignmentRule]] = {}
    for rule in rules:
        rule.unit_ids = (
            org_subtree_ids([rule.org_unit_id]) if rule.org_unit_id else None
        )
        by_course.setdefault(rule.course_id, []).append(rule)
    return by_course


def _rule_matches(rule, profile, person_roles: set[str]) -> bool:
    if rule.unit_ids is not None and profile.org_unit_id not in rule.unit_ids:
        return False
    if rule.role and rule.role not in (person_roles | {roles.EMPLOYEE}):
        return False
    return not (
        rule.job_title and rule.job_title.casefold() != profile.job_title.casefold()
    )


def rules_apply(
    *, user_ids: list[int] | None = None, now: dt.datetime | None = None
) -> RulesResult:
    """Bring enrolments in line with the active rules (for everyone or some people).

    New matches get an enrolment due `due_days` later; people who no longer match
    (moved, exempted, rule removed) keep their records, but an unfinished mandatory
    enrolment is marked withdrawn. Also opens recertification cycles that are due.
    Idempotent: a second run changes nothing.
    """
    now = _now(now)
    today = _today(now)
    result = RulesResult()
    scope = set(user_ids) if user_ids is not None else None
    with transaction.atomic():
        rules_by_course = _matching_rules(now)
        profiles = StaffProfile.objects.filter(user__is_active=True)
        if scope is not None:
            profiles = profiles.filter(user_id__in=scope)
        profiles = list(profiles.only("user_id", "org_unit_id", "job_title"))
        person_roles = _person_roles(scope)
        exempt = set(Exemption.objects.values_list("user_id", "course_id"))

        wanted: dict[tuple[int, int], AssignmentRule] = {}
        for profile in profiles:
            mine = person_roles.get(profile.user_id, set())
            for course_id, rules in rules_by_course.items():
                if (profile.user_id, course_id) in exempt:
                    continue
                for rule in rules:
                    if _rule_matches(rule, profile, mine):
                        wanted[(profile.user_id, course_id)] = rule
                        break

        current_qs = Enrolment.objects.filter(is_current=True).select_related("rule")
        if scope is not None:
            current_qs = current_qs.filter(user_id__in=scope)
        current = {(e.user_id, e.course_id): e for e in current_qs}

        for key, rule in wanted.items():
            enrolment = current.get(key)
            due_on = today + dt.timedelta(days=rule.due_days)
            if enrolment is None:
                _enrolment_new(
                    user_id=key[0],
                    course_id=key[1],
                    source=Enrolment.SOURCE_RULE,
                    rule=rule,
                    due_on=due_on,
                    now=now,
                )
                event_log(
                    actor_id=key[0],
                    verb="assigned",
                    object_type="course",
                    object_id=key[1],
                    course_id=key[1],
                    now=now,
                )
                result.created += 1
                continue
            changed = []
            if enrolment.source == Enrolment.SOURCE_SELF:
                enrolment.source = Enrolment.SOURCE_RULE
                changed.append("source")
                if enrolment.completed_at is None:
                    enrolment.due_on = due_on
                    changed.append("due_on")
            if enrolment.withdrawn_at is not None:
                enrolment.withdrawn_at = None
                changed.append("withdrawn_at")
                if enrolment.completed_at is None and (
                    enrolment.due_on is None or enrolment.due_on < today
                ):
                    enrolment.due_on = due_on
                    changed.append("due_on")
                result.reactivated += 1
            if enrolment.rule_id != rule.pk:
                enrolment.rule = rule
                changed.append("rule")
            if changed:
                enrolment.save(update_fields=sorted(set(changed)))
            if _recertification_open(enrolment, rule, now):
                result.cycles_opened += 1

        for key, enrolment in current.items():
            if (
                key not in wanted
                and enrolment.source == Enrolment.SOURCE_RULE
                and enrolment.withdrawn_at is None
                and enrolment.completed_at is None
            ):
                enrolment.withdrawn_at = now
                enrolment.save(update_fields=["withdrawn_at"])
                result.withdrawn += 1
    return result


def _recertification_open(enrolment: Enrolment, rule: AssignmentRule, now) -> bool:
    """Open the next cycle `rule.due_days` before the certificate expires."""
    if enrolment.completed_at is None:
        return False
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    if certificate is None or certificate.valid_until is None:
        return False
    opens_on = certificate.valid_until - dt.timedelta(days=rule.due_days)
    if _today(now) < opens_on:
        return False
    Enrolment.objects.filter(pk=enrolment.pk).update(is_current=False)
    _enrolment_new(
        user_id=enrolment.user_id,
        course_id=enrolment.course_id,
        source=Enrolment.SOURCE_RULE,
        rule=rule,
        cycle=enrolment.cycle + 1,
        due_on=certificate.valid_until,
        now=now,
    )
    event_log(
        actor_id=enrolment.user_id,
        verb="assigned",
        object_type="course",
        object_id=enrolment.course_id,
        course_id=enrolment.course_id,
        now=now,
    )
    return True


# --- Progress ---------------------------------------------------------------------------


def _outline_of_lesson(lesson_id: int):
    course_id = content.course_id_of_lesson(lesson_id)
    outline = content.course_outline(course_id) if course_id else None
    if outline is None or outline.lesson(lesson_id) is None:
        raise LearningError(
            _("Diese Lektion gibt es nicht oder sie ist nicht veröffentlicht.")
        )
    return outline


def _lesson_done(enrolment: Enrolment, lesson_id: int, now) -> bool:
    progress, created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson_id=lesson_id, defaults={"completed_at": now}
    )
    if created:
        event_log(
            actor_id=enrolment.user_id,
            verb="completed",
            object_type="lesson",
            object_id=lesson_id,
            course_id=enrolment.course_id,
            completion=True,
            now=now,
        )
    return created


def lesson_complete(
    *, user, lesson_id: int, now: dt.datetime | None = None
) -> LessonProgress:
    """Mark a lesson done (enrolling if needed) and complete the course if it is."""
    now = _now(now)
    outline = _outline_of_lesson(lesson_id)
    with transaction.atomic():
        _lock_person(user.pk)
        enrolment = _current_or_self_enrolment(user, outline.id, now)
        _lesson_done(enrolment, lesson_id, now)
        _completion_check(enrolment, outline, now)
    return LessonProgress.objects.get(enrolment=enrolment, lesson_id=lesson_id)


def acknowledgement_give(
    *, user, lesson_id: int, block_id: str, now: dt.datetime | None = None
) -> Acknowledgement:
    """Record 'read and understood'; the lesson is done once all its checks are."""
    now = _now(now)
    outline = _outline_of_lesson(lesson_id)
    if block_id not in outline.acknowledgements_of_lesson(lesson_id):
        raise LearningError(_("Diese Bestätigung gibt es in der Lektion nicht."))
    with transaction.atomic():
        _lock_person(user.pk)
        enrolment = _current_or_self_enrolment(user, outline.id, now)
        ack, created = Acknowledgement.objects.get_or_create(
            enrolment=enrolment,
            lesson_id=lesson_id,
            block_id=block_id,
            defaults={"created_at": now},
        )
        if created:
            event_log(
                actor_id=user.pk,
                verb="acknowledged",
                object_type="lesson",
                object_id=f"{lesson_id}/{block_id}",
                course_id=outline.id,
                now=now,
            )
        _lesson_done_if_checks_met(enrolment, outline, lesson_id, now)
        _completion_check(enrolment, outline, now)
    return ack


def _lesson_done_if_checks_met(enrolment, outline, lesson_id: int, now) -> None:
    quizzes = outline.quizzes_of_lesson(lesson_id)
    acks = outline.acknowledgements_of_lesson(lesson_id)
    passed = set(
        QuizAttempt.objects.filter(
            enrolment=enrolment, lesson_id=lesson_id, passed=True
        ).values_list("block_id", flat=True)
    )
    given = set(
        Acknowledgement.objects.filter(
            enrolment=enrolment, lesson_id=lesson_id
        ).values_list("block_id", flat=True)
    )
    if set(quizzes) <= passed and set(acks) <= given:
        _lesson_done(enrolment, lesson_id, now)


# --- Quizzes -----------------------------------------------------------------------------


@dataclass
class AttemptOutcome:
    attempt: QuizAttempt
    duplicate: bool
    best_score: int


def quiz_attempt_submit(
    *,
    user,
    lesson_id: int,
    block_id: str,
    answers: dict,
    now: dt.datetime | None = None,
) -> AttemptOutcome:
    """Grade and store one attempt; a passed quiz marks its lesson done.

    The same answers submitted again within a few seconds (a double click) return
    the stored attempt instead of recording a second one.
    """
    now = _now(now)
    outline = _outline_of_lesson(lesson_id)
    quiz = content.quiz_get(lesson_id=lesson_id, block_id=block_id)
    if quiz is None:
        raise LearningError(_("Dieses Quiz gibt es nicht."))
    errors = grading.answers_validate(quiz, answers)
    if errors:
        raise LearningError(errors)
    digest = grading.answers_digest(answers)
    with transaction.atomic():
        _lock_person(user.pk)
        enrolment = _current_or_self_enrolment(user, outline.id, now)
        attempts = QuizAttempt.objects.filter(
            enrolment=enrolment, lesson_id=lesson_id, block_id=block_id
        )
        last = attempts.order_by("-number").first()
        if (
            last is not None
            and last.answers_digest == digest
            and now - last.created_at < dt.timedelta(seconds=DOUBLE_SUBMIT_SECONDS)
        ):
            best = attempts.aggregate(best=Max("score"))["best"]
            return AttemptOutcome(attempt=last, duplicate=True, best_score=best)
        grade = grading.quiz_grade(quiz, answers, pass_mark=outline.info.pass_mark)
        attempt = QuizAttempt.objects.create(
            enrolment=enrolment,
            lesson_id=lesson_id,
            block_id=block_id,
            number=(last.number + 1) if last else 1,
            answers=answers,
            answers_digest=digest,
            score=grade.score,
            passed=grade.passed,
            feedback=grade.feedback_as_json(),
            created_at=now,
        )
        quiz_object = f"{lesson_id}/{block_id}"
        event_log(
            actor_id=user.pk,
            verb="attempted",
            object_type="quiz",
            object_id=quiz_object,
            course_id=outline.id,
            score=grade.score,
            success=grade.passed,
            now=now,
        )
        event_log(
            actor_id=user.pk,
            verb="passed" if grade.passed else "failed",
            object_type="quiz",
            object_id=quiz_object,
            course_id=outline.id,
            score=grade.score,
            success=grade.passed,
            now=now,
        )
        if grade.passed:
            _lesson_done_if_checks_met(enrolment, outline, lesson_id, now)
            _completion_check(enrolment, outline, now)
        best = attempts.aggregate(best=Max("score"))["best"]
    return AttemptOutcome(attempt=attempt, duplicate=False, best_score=best)


# --- Completion --------------------------------------------------------------------------


def completion_missing(enrolment: Enrolment, outline) -> list[str]:
    """What still stands between this enrolment and completion (German, for people)."""
    missing = []
    done = set(
        LessonProgress.objects.filter(enrolment=enrolment).values_list(
            "lesson_id", flat=True
        )
    )
    for lesson in outline.lessons:
        if lesson.id not in done:
            missing.append(_("Lektion „%s“ abschließen") % lesson.title)
    passed = set(
        QuizAttempt.objects.filter(enrolment=enrolment, passed=True).values_list(
            "lesson_id", "block_id"
        )
    )
    for quiz in outline.quizzes:
        if tuple(quiz) not in passed:
            missing.append(_("Quiz in Lektion %s bestehen") % quiz[0])
    given = set(
        Acknowledgement.objects.filter(enrolment=enrolment).values_list(
            "lesson_id", "block_id"
        )
    )
    for ack in outline.acknowledgements:
        if tuple(ack) not in given:
            missing.append(_("Kenntnisnahme in Lektion %s bestätigen") % ack[0])
    for exercise in outline.exercises:
        if content.exercise_blocks_completion(
            exercise.process_id
        ) and not content.exercise_passed(
            user_id=enrolment.user_id, process_id=exercise.process_id
        ):
            missing.append(_("Übung „%s“ im Übungsraum bestehen") % exercise.title)
    return missing


def _completion_check(enrolment: Enrolment, outline, now) -> bool:
    if enrolment.completed_at is not None or completion_missing(enrolment, outline):
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
    from lms.services.certificates import certificate_issue

    certificate_issue(enrolment=enrolment, outline=outline, now=now)
    return True


def course_completion_evaluate(
    *, user_id: int, course_id: int | None = None, now: dt.datetime | None = None
) -> list[int]:
    """Re-check completion of a person's current enrolments (e.g. after a sandbox run).

    Returns the ids of the courses that became complete.
    """
    now = _now(now)
    completed = []
    with transaction.atomic():
        _lock_person(user_id)
        enrolments = Enrolment.objects.filter(
            user_id=user_id, is_current=True, completed_at__isnull=True
        )
        if course_id is not None:
            enrolments = enrolments.filter(course_id=course_id)
        for enrolment in enrolments:
            outline = content.course_outline(enrolment.course_id)
            if outline is not None and _completion_check(enrolment, outline, now):
                completed.append(enrolment.course_id)
    return completed


def courses_with_exercise(process_id: str, course_ids: list[int]) -> list[int]:
    """Which of these courses contain a sandbox exercise on this process."""
    found = []
    for course_id in course_ids:
        outline = content.course_outline(course_id)
        if outline and any(x.process_id == process_id for x in outline.exercises):
            found.append(course_id)
    return found


def learning_events_delete_expired(*, now: dt.datetime | None = None) -> int:
    """Delete raw learning events older than the retention period (DESIGN.md §7.5).

    Enrolments, progress and certificates (the compliance records) stay.
    """
    from django.conf import settings

    cutoff = _now(now) - dt.timedelta(days=settings.LEARNING_EVENT_RETENTION_DAYS)
    deleted, _details = LearningEvent.objects.filter(timestamp__lt=cutoff).delete()
    return deleted
