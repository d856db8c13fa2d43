"""The learning core on the real demo courses (Wagtail pages, courses' selectors)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from demo.accounts import EMPLOYEE_USERNAME
from demo.learning import seed_learning
from lms.models import Certificate, Enrolment, QuizAttempt
from lms.selectors import content
from tests.support.learning import sandbox_pass


@pytest.fixture
def learning_demo(demo_town, celery_eager):
    seed_learning()  # idempotent: a no-op if seed_demo already ran it
    return {
        o.info.slug: o for o in map(content.course_outline, content.course_ids_live())
    }


@pytest.fixture
def erika(learning_demo, django_user_model):
    return django_user_model.objects.get(username=EMPLOYEE_USERNAME)


def _answer_form(quiz, wrong=False):
    """Form data that answers every question right (or, with wrong=True, wrong)."""
    data = {}
    for question in quiz.questions:
        name = f"q-{question.id}"
        if question.kind == "single":
            others = [o.id for o in question.options if o.id != question.correct]
            data[name] = others[0] if wrong else question.correct
        elif question.kind == "multiple":
            data[name] = [] if wrong else list(question.correct)
        elif question.kind == "true_false":
            data[name] = "true" if bool(question.correct) != wrong else "false"
        elif question.kind == "ordering":
            order = list(reversed(question.correct)) if wrong else question.correct
            for position, option_id in enumerate(order, start=1):
                data[f"{name}-{option_id}"] = str(position)
        elif question.kind == "numeric":
            value = question.correct + 1000 if wrong else question.correct
            data[name] = str(value).replace(".", ",")
    return data


def test_erika_completes_the_data_protection_course_through_the_pages(
    learning_demo, erika, django_capture_on_commit_callbacks
):
    outline = learning_demo["datenschutz-im-digitalen-verfahren"]
    client = Client()
    client.force_login(erika)
    course_page = client.get(outline.info.url)
    assert course_page.status_code == 200
    assert "Kurs beginnen" in course_page.content.decode()
    for lesson in outline.lessons:
        page = client.get(lesson.url)
        assert page.status_code == 200
        html = page.content.decode()
        for block_id in outline.quizzes_of_lesson(lesson.id):
            quiz = content.quiz_get(lesson_id=lesson.id, block_id=block_id)
            action = f"/lernen/quiz/{lesson.id}/{block_id}/"
            assert action in html
            wrong = client.post(action, _answer_form(quiz, wrong=True), follow=True)
            assert "noch nicht bestanden" in wrong.content.decode()
            right = client.post(action, _answer_form(quiz), follow=True)
            assert "Bestanden mit 100" in right.content.decode()
        for block_id in outline.acknowledgements_of_lesson(lesson.id):
            client.post(
                f"/lernen/lektionen/{lesson.id}/kenntnisnahme/{block_id}/",
                {"confirm": "yes"},
            )
        client.post(f"/lernen/lektionen/{lesson.id}/erledigt/")
    enrolment = Enrolment.objects.get(user=erika, course_id=outline.id, is_current=True)
    assert enrolment.completed_at is None  # the sandbox exercise is still open
    assert "im Übungsraum bestehen" in client.get(outline.info.url).content.decode()
    for exercise in outline.exercises:
        with django_capture_on_commit_callbacks(execute=True):
            sandbox_pass(erika, exercise.process_id, exercise.case_id)
    enrolment = Enrolment.objects.get(user=erika, course_id=outline.id, is_current=True)
    assert enrolment.completed_at is not None
    assert QuizAttempt.objects.filter(enrolment=enrolment, passed=False).exists()
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.valid_until == enrolment.completed_at.date().replace(
        year=enrolment.completed_at.year + 1
    ) or certificate.valid_until > timezone.localdate() + dt.timedelta(days=360)
    pdf = client.get(f"/lernen/zertifikate/{certificate.code}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_course_and_lesson_pages_keep_constant_queries(
    learning_demo, erika, django_user_model, django_assert_max_num_queries
):
    from lms.person_generation import learning_changed
    from lms.services.progress import lesson_complete

    outline = learning_demo["datenschutz-im-digitalen-verfahren"]
    lesson = outline.lessons[1]
    client = Client()
    client.force_login(erika)
    client.get(outline.info.url), client.get(lesson.url)  # warm caches
    # Measured with erika's learner state read anew, not from the cache
    # (lms.selectors.progress.learner_state_cached), before and after.
    learning_changed(erika.pk, outline.id)
    with django_assert_max_num_queries(60) as course_q:
        client.get(outline.info.url)
    learning_changed(erika.pk, outline.id)
    with django_assert_max_num_queries(80) as lesson_q:
        client.get(lesson.url)
    others = django_user_model.objects.exclude(pk=erika.pk)[:40]
    for person in others:
        lesson_complete(user=person, lesson_id=lesson.id)
    lesson_complete(user=erika, lesson_id=outline.lessons[0].id)
    with django_assert_max_num_queries(len(course_q.captured_queries)):
        client.get(outline.info.url)
    learning_changed(erika.pk, outline.id)
    with django_assert_max_num_queries(len(lesson_q.captured_queries)):
        client.get(lesson.url)
