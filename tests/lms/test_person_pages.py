"""Learners' whole pages kept per person (lms/person_pages.py): served without
building the page, never out of date after a change the person would see, never
with another session's CSRF token, never swallowing a message, and only for
people who are nothing but employees."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from lms import roles
from sandbox import selectors, services
from sandbox.models import SandboxRun
from tests.support.sandbox import play


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.fixture
def learner(catalogue, make_person):
    roles.sync_groups()
    return make_person(username="lernende", first_name="Erika")


def _learner_pages(catalogue) -> list[str]:
    return [
        "/",
        "/lernen/",
        "/sandbox/",
        catalogue.hund.get_parent().url,
        catalogue.hund.url,
        catalogue.hund_lessons[1].url,
    ]


def test_a_learners_pages_are_served_from_the_cache_without_building_them(
    catalogue, learner, client
):
    catalogue.sandbox_upload()
    client.force_login(learner)
    for url in _learner_pages(catalogue):
        first = client.get(url)  # built, and kept
        assert first.templates, url
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert not again.templates, url  # no template rendered
        assert _without_tokens(_text(again)) == _without_tokens(_text(first)), url
        # On course pages, whether the page is still live; nothing else (the
        # account comes from the cache as well, lms/backends.py).
        assert len(queries) <= (0 if url in ("/", "/lernen/", "/sandbox/") else 1), (
            url,
            [q["sql"] for q in queries],
        )


def test_a_cached_page_carries_the_token_of_the_requests_own_csrf_secret(
    catalogue, learner
):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    course = catalogue.optional
    browser.get(course.url)  # kept with the first CSRF secret
    browser.cookies.pop(settings.CSRF_COOKIE_NAME)  # the cookie expired: a new secret

    page = browser.get(course.url).content.decode()
    action = reverse("learning:course_enrol", args=[course.id])
    form = page[page.index(f'action="{action}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    assert browser.post(action, {"csrfmiddlewaretoken": token}).status_code == 302


def test_a_message_after_a_form_is_shown_once_on_a_cached_page(
    catalogue, learner, client
):
    client.force_login(learner)
    course = catalogue.optional
    first_lesson = catalogue.optional_lessons[0].url
    client.get(first_lesson)
    client.get(first_lesson)  # now kept

    response = client.post(reverse("learning:course_enrol", args=[course.id]))
    assert response["Location"] == first_lesson
    assert "Sie sind jetzt im Kurs" in _text(client.get(first_lesson))
    assert "Sie sind jetzt im Kurs" not in _text(client.get(first_lesson))


def test_a_sandbox_run_shows_at_once_in_the_cached_run_list(catalogue, learner, client):
    catalogue.sandbox_upload()
    client.force_login(learner)

    def my_runs() -> str:
        return _text(client.get("/sandbox/")).split('id="runs-heading"')[1]

    assert "Noch keine Durchläufe." in my_runs()
    client.post(
        reverse("sandbox:run_start", args=["hund_anmelden"]),
        {"case": "labrador", "mode": "practice"},
    )
    assert "labrador" in my_runs() and "läuft" in my_runs()

    run = SandboxRun.objects.get(user=learner)
    expected = run.package.case("labrador")["expected"]
    play(run, lambda element: expected.get(element, {}))
    assert "bestanden, 100 Punkte" in my_runs()


def test_a_step_inside_a_run_keeps_the_run_list_and_the_runs_end_renews_it(
    catalogue, learner, client
):
    catalogue.sandbox_upload()
    client.force_login(learner)
    client.post(
        reverse("sandbox:run_start", args=["hund_anmelden"]),
        {"case": "labrador", "mode": "practice"},
    )
    run = SandboxRun.objects.get(user=learner)
    expected = run.package.case("labrador")["expected"]
    assert "läuft" in _text(client.get("/sandbox/"))  # built, and kept

    task = selectors.run_view(run=run)["ready_tasks"][0]
    run = services.run_submit_task(
        run=run, task_id=task["id"], data=expected.get(task["element"], {})
    )
    assert run.is_active and run.steps
    again = client.get("/sandbox/")
    assert not again.templates  # the list shows nothing a step changed
    assert "läuft" in _text(again)

    play(run, lambda element: expected.get(element, {}))
    finished = client.get("/sandbox/")
    assert finished.templates
    assert "bestanden, 100 Punkte" in _text(finished)


def test_a_process_going_live_shows_at_once(catalogue, learner, client):
    client.force_login(learner)
    lesson = catalogue.hund_lessons[1].url
    assert "Es gibt noch keine Übungsräume." in _text(client.get("/sandbox/"))
    assert "Übung starten" not in _text(client.get(lesson))

    catalogue.sandbox_upload()
    assert "Es gibt noch keine Übungsräume." not in _text(client.get("/sandbox/"))
    assert "Übung starten" in _text(client.get(lesson))


def test_a_page_behind_a_password_is_never_kept(catalogue, learner, client):
    course = catalogue.optional
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    client.force_login(learner)
    for _ in range(2):
        assert 'name="password"' in _text(client.get(course.url))
    restriction = PageViewRestriction.objects.get(page=course)
    client.post(
        reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, course.id]
        ),
        {"password": "geheim", "return_url": course.url},
    )
    assert 'name="password"' not in _text(client.get(course.url))


def test_pages_of_trainers_and_heads_are_built_for_every_request(
    catalogue, make_person, client
):
    trainer = make_person(username="trainerin", role_names={roles.TRAINER})
    client.force_login(trainer)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        _text(client.get("/"))
    # Their start page (reviews waiting for them) is built again, not a copy.
    assert len(queries) > 2


def test_two_people_never_see_each_others_copy(catalogue, make_person):
    roles.sync_groups()
    erika = make_person(username="erika", first_name="Erika")
    max_ = make_person(username="max", first_name="Max")
    as_erika, as_max = Client(), Client()
    as_erika.force_login(erika)
    as_max.force_login(max_)
    name = re.compile(r'title="Passwort ändern">([^<]+)<')
    for _ in range(2):
        for url in _learner_pages(catalogue):
            assert name.search(_text(as_erika.get(url)))[1].startswith("Erika")
            assert name.search(_text(as_max.get(url)))[1].startswith("Max")


def test_an_account_changed_elsewhere_counts_at_the_next_request(
    catalogue, learner, client
):
    client.force_login(learner)
    for _ in range(2):
        assert client.get("/").status_code == 200  # account and page now kept

    elsewhere = type(learner).objects.get(pk=learner.pk)
    elsewhere.set_password("ein-ganz-neues-passwort")
    elsewhere.save()  # another session changed the password: this one ends
    response = client.get("/")
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]

    client.force_login(elsewhere)
    assert client.get("/").status_code == 200
    elsewhere.is_active = False
    elsewhere.save(update_fields=["is_active"])  # the person left
    response = client.get("/lernen/")
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


def test_a_learning_step_makes_the_next_page_read_neither_account_nor_roles(
    catalogue, learner, client
):
    from lms.services.enrolments import enrolment_create
    from lms.services.progress import lesson_complete

    enrolment_create(user=learner, course_id=catalogue.datenschutz.id)
    client.force_login(learner)
    client.get("/")
    lesson_complete(user=learner, lesson_id=catalogue.datenschutz_lessons[0].id)
    with CaptureQueriesContext(connection) as queries:
        assert "1 von 3 Lektionen" in _text(client.get("/"))  # rebuilt
    sql = " ".join(q["sql"] for q in queries)
    assert '"auth_user"."password"' not in sql  # the account: kept
    assert "auth_group" not in sql and "lms_orgunit_heads" not in sql  # the roles


def test_a_kept_page_reads_the_roles_with_the_account(catalogue, learner, client):
    client.force_login(learner)
    client.get("/")  # built, and kept with the account and its roles
    with mock.patch.object(cache, "get", wraps=cache.get) as get:
        assert "Erika" in _text(client.get("/"))
    asked = [call.args[0] for call in get.call_args_list]
    assert not [key for key in asked if key.startswith("lms:roles")], asked


def test_a_learning_step_renews_that_courses_pages_and_keeps_the_others(
    catalogue, learner, client
):
    from lms.services.enrolments import enrolment_create
    from lms.services.progress import lesson_complete

    for course in (catalogue.datenschutz, catalogue.optional):
        enrolment_create(user=learner, course_id=course.id)
    client.force_login(learner)
    learnt = [catalogue.datenschutz.url, catalogue.datenschutz_lessons[1].url]
    other = [catalogue.optional.url, catalogue.optional_lessons[0].url]
    overviews = ["/", "/lernen/"]
    for url in learnt + other + overviews:
        client.get(url)  # built, and kept

    lesson_complete(user=learner, lesson_id=catalogue.datenschutz_lessons[0].id)

    for url in other:
        assert not client.get(url).templates, url  # still the kept copy
    for url in learnt + overviews:
        response = client.get(url)
        assert response.templates, url  # built anew
    assert "1 erledigt" in _text(client.get(catalogue.datenschutz_lessons[1].url))
    assert "1 von 3 Lektionen" in _text(client.get("/"))


def test_a_quiz_answer_renews_only_that_courses_pages(catalogue, learner, client):
    """Pages showing all courses count lessons and completions, not attempts: a
    failed answer leaves them kept, and the quiz's own page shows the result."""
    from lms.services.enrolments import enrolment_create
    from tests.support.learning import Q_SINGLE

    enrolment_create(user=learner, course_id=catalogue.datenschutz.id)
    client.force_login(learner)
    lesson = catalogue.quiz_lesson
    overviews = ["/", "/lernen/", "/kurse/"]
    for url in [*overviews, lesson.url]:
        client.get(url)  # built, and kept

    submit = reverse("learning:quiz_submit", args=[lesson.id, catalogue.quiz_block_id])
    client.post(submit, {f"q-{Q_SINGLE}": "0"})  # one answer of several: not passed

    page = client.get(lesson.url)  # where the answer leads, with its message
    assert page.templates  # built anew
    assert "Ihre Antwort:" in _text(page)
    for url in overviews:
        assert not client.get(url).templates, url  # still the kept copy
