"""Query discipline: the learner's pages cost the same number of queries however
much content and history there is (the 8:00 peak, bench/README.md)."""

from django.db import connections
from django.test.utils import CaptureQueriesContext

from courses.models import CourseCatalogue, LessonPage
from tests.support.courses import add_course, stream, text_block
from tests.support.learning import Catalogue


def _urls(catalogue: Catalogue) -> list[str]:
    return [
        "/",
        "/lernen/",
        "/kurse/",
        catalogue.datenschutz.url,
        catalogue.quiz_lesson.url,
        "/sandbox/",
    ]


def _query_counts(client, urls: list[str], *, person_changed_of=None) -> dict:
    """Queries per page, warm; or right after a change of the person's own state
    (their fragments rendered anew, lms/fragments.py) if `person_changed_of`."""
    from lms.person_generation import person_changed

    counts = {}
    for url in urls:
        assert client.get(url).status_code == 200, url  # warm the shared caches
        if person_changed_of is not None:
            person_changed(person_changed_of.pk)
        with CaptureQueriesContext(connections["default"]) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


def _grow(catalogue: Catalogue, user, *, courses: int) -> None:
    """More courses with lessons, and more enrolments, progress and attempts."""
    from lms.services.enrolments import enrolment_create
    from lms.services.progress import lesson_complete

    catalogue_page = CourseCatalogue.objects.get()
    for number in range(courses):
        course = add_course(
            catalogue_page,
            slug=f"mehr-{number}",
            title=f"Weiterer Kurs {number}",
            lessons=4,
            bodies={0: stream(text_block(), text_block("<p>Noch mehr.</p>"))},
        )
        course.save_revision().publish()
        lessons = list(LessonPage.objects.child_of(course).order_by("path"))
        for lesson in lessons:
            lesson.save_revision().publish()
        enrolment_create(user=user, course_id=course.id)
        for lesson in lessons[:2]:
            lesson_complete(user=user, lesson_id=lesson.id)


def test_learner_pages_keep_their_query_count_as_data_grows(
    catalogue, make_person, client
):
    catalogue.sandbox_upload()
    user = make_person(username="lernende")
    # The pages show the same state in both measurements (a finished course with
    # its quiz result, a passed sandbox case); only the amount of data grows.
    catalogue.complete_datenschutz(user)
    catalogue.pass_sandbox(user)
    client.force_login(user)
    urls = _urls(catalogue)
    small = _query_counts(client, urls)
    small_rendered = _query_counts(client, urls, person_changed_of=user)

    _grow(catalogue, user, courses=4)
    large = _query_counts(client, urls)
    large_rendered = _query_counts(client, urls, person_changed_of=user)

    assert large == small
    assert large_rendered == small_rendered
    # And the counts are small. Rendered anew after the person's state changed, no
    # page asks the database more than this: Wagtail's site, route and view
    # restrictions, the course's lessons and the lesson's neighbours come from
    # the shared cache (courses/page_cache.py).
    assert max(large_rendered.values()) <= 18, large_rendered
    # Warm, the whole page is the person's kept copy (lms/person_pages.py) and the
    # account comes from the cache too (lms/backends.py); course pages still ask
    # whether the page is live.
    assert large["/"] == large["/lernen/"] == large["/sandbox/"] == 0, large
    assert large["/kurse/"] == 1, large
    assert large[catalogue.datenschutz.url] == large[catalogue.quiz_lesson.url] == 1


def test_an_employee_page_asks_no_permission_queries(catalogue, make_person, client):
    # Wagtail's user bar (for authors) loads every permission of the person.
    client.force_login(make_person(username="lernende"))
    client.get(catalogue.quiz_lesson.url)
    with CaptureQueriesContext(connections["default"]) as queries:
        html = client.get(catalogue.quiz_lesson.url).content.decode()
    assert "<wagtail-userbar" not in html
    assert not [q for q in queries if "auth_permission" in q["sql"]]


def test_the_sandbox_list_asks_permissions_only_of_authors(make_person, client):
    # has_perm loads every permission of the person (two queries); the cached roles
    # say who could have the upload permission at all.
    client.force_login(make_person(username="lernende"))
    client.get("/sandbox/")
    with CaptureQueriesContext(connections["default"]) as queries:
        html = client.get("/sandbox/").content.decode()
    assert "Prozesspakete verwalten" not in html
    assert not [q for q in queries if "auth_permission" in q["sql"]]

    client.force_login(make_person(username="schulung", role_names={"trainer"}))
    assert "Prozesspakete verwalten" in client.get("/sandbox/").content.decode()
