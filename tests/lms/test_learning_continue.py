"""One way on per lesson: "Weiter" counts a plain lesson done; a finished course is
a moment with its certificate and what comes next."""

import pytest
from django.urls import reverse

from lms import roles
from lms.models import Enrolment, LessonProgress
from lms.services.progress import lesson_continue


@pytest.fixture
def learner(catalogue, make_person):
    roles.sync_groups()
    return make_person(first_name="Erika", last_name="Mustermann")


@pytest.fixture
def browser_client(client, learner):
    client.force_login(learner)
    return client


def _weiter(client, lesson):
    return client.post(reverse("learning:lesson_complete", args=[lesson.id]))


def _done_lessons(user, course):
    return set(
        LessonProgress.objects.filter(
            enrolment__user=user, enrolment__course_id=course.id
        ).values_list("lesson_id", flat=True)
    )


def test_weiter_on_a_lesson_without_checks_counts_it_done(
    catalogue, learner, browser_client
):
    first, second = catalogue.datenschutz_lessons[:2]
    response = _weiter(browser_client, first)
    assert response.status_code == 302
    assert response["Location"] == second.url
    assert _done_lessons(learner, catalogue.datenschutz) == {first.id}


def test_weiter_on_a_quiz_lesson_moves_on_but_leaves_it_open(
    catalogue, learner, browser_client
):
    quiz_lesson = catalogue.quiz_lesson
    response = _weiter(browser_client, quiz_lesson)
    assert response["Location"] == catalogue.ack_lesson.url
    assert quiz_lesson.id not in _done_lessons(learner, catalogue.datenschutz)
    page = browser_client.get(quiz_lesson.url).content.decode()
    # The page says what is missing, as a link to the quiz.
    assert "In dieser Lektion fehlt noch:" in page
    assert f'href="{quiz_lesson.url}#quiz-{catalogue.quiz_block_id}"' in page


def test_lesson_page_has_one_primary_action_and_no_mark_done_button(
    catalogue, browser_client
):
    first = catalogue.datenschutz_lessons[0]
    page = browser_client.get(first.url).content.decode()
    assert "Lektion als erledigt markieren" not in page
    assert page.count("Weiter:") == 1
    last = catalogue.optional_lessons[-1]
    page = browser_client.get(last.url).content.decode()
    assert "Kurs abschließen" in page
    assert page.count("Zur Kursübersicht") == 0


def test_reading_a_course_with_weiter_only_completes_it(
    catalogue, learner, browser_client
):
    (lesson,) = catalogue.optional_lessons
    response = _weiter(browser_client, lesson)
    course = catalogue.optional
    assert response["Location"] == reverse("learning:course_done", args=[course.id])
    enrolment = Enrolment.objects.get(user=learner, course_id=course.id)
    assert enrolment.completed_at is not None
    page = browser_client.get(response["Location"]).content.decode()
    assert "Kurs abgeschlossen" in page
    certificate = enrolment.certificate
    assert reverse("learning:certificate_pdf", args=[certificate.code]) in page
    assert "Wie geht es weiter?" in page


def test_course_page_lists_whats_missing_with_links(catalogue, learner, browser_client):
    for lesson in catalogue.datenschutz_lessons:
        _weiter(browser_client, lesson)
    page = browser_client.get(catalogue.datenschutz.url).content.decode()
    assert "Bis zum Abschluss fehlt noch:" in page
    quiz_link = f"{catalogue.quiz_lesson.url}#quiz-{catalogue.quiz_block_id}"
    ack_link = f"{catalogue.ack_lesson.url}#ack-{catalogue.ack_block_id}"
    assert f'href="{quiz_link}"' in page
    assert f'href="{ack_link}"' in page


def test_completion_page_shows_valid_until_and_next_course(
    catalogue, learner, browser_client
):
    from lms.services.enrolments import enrolment_create

    enrolment_create(user=learner, course_id=catalogue.hund.id)
    catalogue.complete_datenschutz(learner)
    for lesson in catalogue.datenschutz_lessons:
        _weiter(browser_client, lesson)
    enrolment = Enrolment.objects.get(user=learner, course_id=catalogue.datenschutz.id)
    assert enrolment.completed_at is not None
    page = browser_client.get(
        reverse("learning:course_done", args=[catalogue.datenschutz.id])
    ).content.decode()
    valid_until = enrolment.certificate.valid_until
    assert valid_until is not None  # the course's certificate holds 12 months
    assert valid_until.strftime("%d.%m.%Y") in page
    assert catalogue.hund.title in page


def test_completion_page_of_an_open_course_leads_back_to_the_course(
    catalogue, browser_client
):
    response = browser_client.get(
        reverse("learning:course_done", args=[catalogue.datenschutz.id])
    )
    assert response.status_code == 302
    assert response["Location"].startswith(catalogue.datenschutz.url)


def test_lesson_continue_is_idempotent(catalogue, learner):
    lesson = catalogue.optional_lessons[0]
    first = lesson_continue(user=learner, lesson_id=lesson.id)
    again = lesson_continue(user=learner, lesson_id=lesson.id)
    assert first.course_completed_now and not again.course_completed_now
    assert again.course_completed
