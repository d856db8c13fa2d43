"""Completion criteria, certificates (PDF, verify page), states, recertification."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lms import roles
from lms.models import AssignmentRule, Certificate, Enrolment
from lms.selectors import enrolment_state, my_training
from lms.selectors.content import course_outline
from lms.services import (
    course_completion_evaluate,
    enrolment_create,
    lesson_complete,
    rules_apply,
)
from lms.services.certificates import certificate_pdf
from lms.services.learning import completion_missing
from tests.lms.learning_support import (
    DATENSCHUTZ,
    HUND,
    OPTIONAL,
    catalogue_fixture,  # noqa: F401
    complete_datenschutz,
)

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def learner(catalogue, make_person):
    roles.sync_groups()
    return make_person(first_name="Erika", last_name="Mustermann")


def current(user, course_id):
    return Enrolment.objects.get(user=user, course_id=course_id, is_current=True)


@pytest.mark.parametrize(
    "completed, due_on, started, valid_until, expected",
    [
        (False, TODAY + dt.timedelta(days=3), False, None, "open"),
        (False, None, True, None, "in_progress"),
        (False, TODAY, True, None, "in_progress"),  # due today is not overdue yet
        (False, TODAY - dt.timedelta(days=1), True, None, "overdue"),
        (True, TODAY - dt.timedelta(days=1), True, None, "done"),
        (True, None, True, TODAY + dt.timedelta(days=31), "done"),
        (True, None, True, TODAY + dt.timedelta(days=30), "expiring"),
        (True, None, True, TODAY, "expiring"),
        (True, None, True, TODAY - dt.timedelta(days=1), "expired"),
    ],
)
def test_enrolment_state_at_fixed_dates(
    completed, due_on, started, valid_until, expected
):
    assert (
        enrolment_state(
            completed=completed,
            due_on=due_on,
            started=started,
            valid_until=valid_until,
            today=TODAY,
        )
        == expected
    )


def test_course_needs_lessons_quiz_and_acknowledgement(learner):
    enrolment_create(user=learner, course_id=DATENSCHUTZ, now=NOW)
    for lesson_id in (1011, 1012, 1013):
        lesson_complete(user=learner, lesson_id=lesson_id, now=NOW)
    enrolment = current(learner, DATENSCHUTZ)
    assert enrolment.completed_at is None
    assert len(completion_missing(enrolment, course_outline(DATENSCHUTZ))) == 2
    complete_datenschutz(learner, now=NOW)
    enrolment.refresh_from_db()
    assert enrolment.completed_at == NOW
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_acknowledgement_marks_its_lesson_done(learner):
    from lms.services import acknowledgement_give

    acknowledgement_give(user=learner, lesson_id=1013, block_id="ack-1", now=NOW)
    assert current(learner, DATENSCHUTZ).lesson_progress.filter(lesson_id=1013).exists()


def test_sandbox_exercise_blocks_only_once_the_process_exists(catalogue, make_person):
    _courses, sandbox = catalogue
    early, late = make_person(), make_person()
    for lesson_id in (2011, 2012):
        lesson_complete(user=early, lesson_id=lesson_id, now=NOW)
    assert current(early, HUND).completed_at is not None  # no sandbox yet: not blocking

    sandbox.processes.add("hund_anmelden")
    for lesson_id in (2011, 2012):
        lesson_complete(user=late, lesson_id=lesson_id, now=NOW)
    assert current(late, HUND).completed_at is None
    sandbox.passed.add((late.pk, "hund_anmelden"))
    assert course_completion_evaluate(user_id=late.pk, now=NOW) == [HUND]
    assert current(late, HUND).completed_at is not None


def test_sandbox_signal_re_evaluates_completion(catalogue, make_person):
    from sandbox.signals import run_finished

    _courses, sandbox = catalogue
    sandbox.processes.add("hund_anmelden")
    person = make_person()
    for lesson_id in (2011, 2012):
        lesson_complete(user=person, lesson_id=lesson_id, now=NOW)
    sandbox.passed.add((person.pk, "hund_anmelden"))
    run_finished.send(
        sender=None,
        run_id=1,
        user_id=person.pk,
        process_id="hund_anmelden",
        version=1,
        case_id="labrador",
        mode="exam",
        passed=True,
        score=100,
    )
    assert current(person, HUND).completed_at is not None


def test_progress_next_lesson_and_my_training(learner):
    enrolment_create(user=learner, course_id=DATENSCHUTZ, now=NOW)
    lesson_complete(user=learner, lesson_id=1011, now=NOW)
    [item] = my_training(learner, today=TODAY)
    assert (item.lessons_done, item.lessons_total, item.state) == (1, 3, "in_progress")
    assert item.next_lesson.id == 1012


def test_certificate_pdf_contains_name_code_and_dates(learner):
    complete_datenschutz(learner, now=NOW)
    certificate = Certificate.objects.get(user=learner)
    assert certificate.valid_until == dt.date(2027, 3, 2)  # 12 months
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(certificate_pdf(certificate))).pages
    )
    assert "Erika Mustermann" in text
    assert certificate.code in text
    assert "Datenschutz im digitalen Verfahren" in text
    assert "2. März 2027" in text


def test_certificate_without_validity_never_expires(learner):
    lesson_complete(user=learner, lesson_id=3011, now=NOW)
    assert Certificate.objects.get(user=learner).valid_until is None


def test_verify_page_valid_expired_unknown(client, learner):
    import time_machine

    complete_datenschutz(learner, now=NOW)
    certificate = Certificate.objects.get(user=learner)
    url = reverse("learning:verify", kwargs={"code": certificate.code})
    with time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)):
        page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "gültig" in html and "Erika Mustermann" in html
    assert "Personalnummer" not in html and "%" not in html
    with time_machine.travel(dt.datetime(2027, 3, 3, 12, tzinfo=dt.UTC)):
        assert "abgelaufen" in client.get(url).content.decode()
    unknown = client.get(reverse("learning:verify", kwargs={"code": "AAAA-BBBB-CCCC"}))
    assert unknown.status_code == 200
    assert "nicht bekannt" in unknown.content.decode()


def test_recertification_opens_a_new_cycle_and_keeps_history(learner):
    rule = AssignmentRule.objects.create(course_id=DATENSCHUTZ, due_days=30)
    rules_apply(now=NOW)
    complete_datenschutz(learner, now=NOW)
    first = current(learner, DATENSCHUTZ)
    first_certificate = first.certificate
    assert first_certificate.valid_until == dt.date(2027, 3, 2)

    # 31 days before expiry: nothing yet; 30 days before: a new cycle with due date
    assert (
        rules_apply(now=dt.datetime(2027, 1, 30, 3, tzinfo=dt.UTC)).cycles_opened == 0
    )
    assert (
        rules_apply(now=dt.datetime(2027, 1, 31, 3, tzinfo=dt.UTC)).cycles_opened == 1
    )
    second = current(learner, DATENSCHUTZ)
    assert (second.cycle, second.due_on, second.rule) == (2, dt.date(2027, 3, 2), rule)
    first.refresh_from_db()
    assert not first.is_current and first.certificate == first_certificate
    assert rules_apply(now=dt.datetime(2027, 2, 1, 3, tzinfo=dt.UTC)).cycles_opened == 0
    [item] = my_training(learner, today=dt.date(2027, 2, 1))
    assert (item.state, item.enrolment.cycle) == ("expiring", 2)
    assert item.previous_certificate == first_certificate
    [item] = my_training(learner, today=dt.date(2027, 3, 3))
    assert item.state == "overdue"

    # the new cycle starts from scratch and issues a second certificate
    complete_datenschutz(learner, now=dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC))
    assert Certificate.objects.filter(user=learner).count() == 2
    assert current(learner, DATENSCHUTZ).certificate.valid_until == dt.date(2028, 2, 10)


def test_rule_recertification_interval_overrides_course_validity(learner):
    AssignmentRule.objects.create(
        course_id=DATENSCHUTZ, due_days=30, recertify_months=24
    )
    rules_apply(now=NOW)
    complete_datenschutz(learner, now=NOW)
    assert Certificate.objects.get(user=learner).valid_until == dt.date(2028, 3, 2)


def test_self_enrolment_rejects_duplicate_and_unknown_course(learner):
    from lms.services import LearningError

    enrolment_create(user=learner, course_id=OPTIONAL, now=NOW)
    with pytest.raises(LearningError):
        enrolment_create(user=learner, course_id=OPTIONAL, now=NOW)
    with pytest.raises(LearningError):
        enrolment_create(user=learner, course_id=999999, now=NOW)
