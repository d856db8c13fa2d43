"""Completion criteria, certificates (PDF, verify page), states, recertification."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lms import roles
from lms.certificate_pdf import certificate_pdf
from lms.models import AssignmentRule, Certificate, Enrolment
from lms.selectors.content import course_outline
from lms.selectors.progress import completion_missing, enrolment_learner_state
from lms.selectors.training import enrolment_state, my_training
from lms.services.completion import course_completion_evaluate
from lms.services.enrolments import enrolment_create
from lms.services.progress import lesson_complete
from lms.services.rules import rules_apply
from tests.support.learning import (
    ACK_BLOCK,
    NO_SUCH_PAGE,
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


def test_course_outline_is_cached_until_a_page_is_published(
    catalogue, django_assert_num_queries
):
    datenschutz = catalogue.datenschutz.id
    outline = course_outline(datenschutz)
    assert outline.lesson_ids == [x.id for x in catalogue.datenschutz_lessons]
    with django_assert_num_queries(0):
        assert course_outline(datenschutz) == outline
    lesson = catalogue.datenschutz_lessons[0]
    lesson.title = "Einführung"
    lesson.save_revision().publish()
    assert course_outline(datenschutz).lessons[0].title == "Einführung"


def test_course_needs_lessons_quiz_and_acknowledgement(catalogue, learner):
    datenschutz = catalogue.datenschutz.id
    enrolment_create(user=learner, course_id=datenschutz, now=NOW)
    for lesson in catalogue.datenschutz_lessons:
        lesson_complete(user=learner, lesson_id=lesson.id, now=NOW)
    enrolment = current(learner, datenschutz)
    assert enrolment.completed_at is None
    missing = completion_missing(
        course_outline(datenschutz), enrolment_learner_state(enrolment)
    )
    assert [item.kind for item in missing] == ["quiz", "ack"]
    catalogue.complete_datenschutz(learner, now=NOW)
    enrolment.refresh_from_db()
    assert enrolment.completed_at == NOW
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_course_page_names_what_is_still_missing(catalogue, client, learner):
    outline = course_outline(catalogue.datenschutz.id)
    for lesson in catalogue.datenschutz_lessons:
        lesson_complete(user=learner, lesson_id=lesson.id, now=NOW)
    client.force_login(learner)
    html = client.get(outline.info.url).content.decode()
    assert "Fast geschafft" in html
    assert f"das Quiz in „{catalogue.quiz_lesson.title}“ bestehen" in html
    assert f"die Kenntnisnahme in „{catalogue.ack_lesson.title}“ bestätigen" in html


def test_acknowledgement_marks_its_lesson_done(catalogue, learner):
    from lms.services.progress import acknowledgement_give

    lesson_id = catalogue.ack_lesson.id
    acknowledgement_give(user=learner, lesson_id=lesson_id, block_id=ACK_BLOCK, now=NOW)
    enrolment = current(learner, catalogue.datenschutz.id)
    assert enrolment.lesson_progress.filter(lesson_id=lesson_id).exists()


def test_sandbox_exercise_blocks_only_once_the_process_exists(catalogue, make_person):
    hund = catalogue.hund.id
    early, late = make_person(), make_person()
    for lesson in catalogue.hund_lessons:
        lesson_complete(user=early, lesson_id=lesson.id, now=NOW)
    assert current(early, hund).completed_at is not None  # no sandbox yet: not blocking

    catalogue.sandbox_upload()
    for lesson in catalogue.hund_lessons:
        lesson_complete(user=late, lesson_id=lesson.id, now=NOW)
    assert current(late, hund).completed_at is None
    catalogue.pass_sandbox(late)  # its run_finished signal waits for a commit
    assert course_completion_evaluate(user_id=late.pk, now=NOW) == [hund]
    assert current(late, hund).completed_at is not None


def test_sandbox_signal_re_evaluates_completion(
    catalogue, make_person, django_capture_on_commit_callbacks
):
    hund = catalogue.hund.id
    catalogue.sandbox_upload()
    person = make_person()
    for lesson in catalogue.hund_lessons:
        lesson_complete(user=person, lesson_id=lesson.id, now=NOW)
    with django_capture_on_commit_callbacks() as after_commit:
        catalogue.pass_sandbox(person)
    assert current(person, hund).completed_at is None
    for callback in after_commit:  # sends sandbox's run_finished, as a commit would
        callback()
    assert current(person, hund).completed_at is not None


def test_progress_next_lesson_and_my_training(catalogue, learner):
    first, second, _third = catalogue.datenschutz_lessons
    enrolment_create(user=learner, course_id=catalogue.datenschutz.id, now=NOW)
    lesson_complete(user=learner, lesson_id=first.id, now=NOW)
    [item] = my_training(learner, today=TODAY)
    assert (item.lessons_done, item.lessons_total, item.state) == (1, 3, "in_progress")
    assert item.next_lesson.id == second.id


def test_certificate_pdf_contains_name_code_and_dates(catalogue, learner, settings):
    settings.LOTSE_ORGANISATION_NAME = "Stadt Beispielhausen"
    catalogue.complete_datenschutz(learner, now=NOW)
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
    assert "Lotse – Stadt Beispielhausen" in text


def test_certificate_without_validity_never_expires(catalogue, learner):
    [lesson] = catalogue.optional_lessons
    lesson_complete(user=learner, lesson_id=lesson.id, now=NOW)
    assert Certificate.objects.get(user=learner).valid_until is None


def test_verify_page_valid_expired_unknown(catalogue, client, learner):
    import time_machine

    catalogue.complete_datenschutz(learner, now=NOW)
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


def test_recertification_opens_a_new_cycle_and_keeps_history(catalogue, learner):
    rule = AssignmentRule.objects.create(
        course_id=catalogue.datenschutz.id, due_days=30
    )
    rules_apply(now=NOW)
    catalogue.complete_datenschutz(learner, now=NOW)
    first = current(learner, catalogue.datenschutz.id)
    first_certificate = first.certificate
    assert first_certificate.valid_until == dt.date(2027, 3, 2)

    # 31 days before expiry: nothing yet; 30 days before: a new cycle with due date
    assert (
        rules_apply(now=dt.datetime(2027, 1, 30, 3, tzinfo=dt.UTC)).cycles_opened == 0
    )
    assert (
        rules_apply(now=dt.datetime(2027, 1, 31, 3, tzinfo=dt.UTC)).cycles_opened == 1
    )
    second = current(learner, catalogue.datenschutz.id)
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
    catalogue.complete_datenschutz(
        learner, now=dt.datetime(2027, 2, 10, 9, tzinfo=dt.UTC)
    )
    assert Certificate.objects.filter(user=learner).count() == 2
    assert current(
        learner, catalogue.datenschutz.id
    ).certificate.valid_until == dt.date(2028, 2, 10)


def test_rule_recertification_interval_overrides_course_validity(catalogue, learner):
    AssignmentRule.objects.create(
        course_id=catalogue.datenschutz.id, due_days=30, recertify_months=24
    )
    rules_apply(now=NOW)
    catalogue.complete_datenschutz(learner, now=NOW)
    assert Certificate.objects.get(user=learner).valid_until == dt.date(2028, 3, 2)


def test_self_enrolment_rejects_duplicate_and_unknown_course(catalogue, learner):
    from lms.services.enrolments import LearningError

    enrolment_create(user=learner, course_id=catalogue.optional.id, now=NOW)
    with pytest.raises(LearningError):
        enrolment_create(user=learner, course_id=catalogue.optional.id, now=NOW)
    with pytest.raises(LearningError):
        enrolment_create(user=learner, course_id=NO_SUCH_PAGE, now=NOW)
