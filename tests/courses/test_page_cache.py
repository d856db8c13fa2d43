"""Routes, view-restriction answers and course-page fragments from the shared cache
(courses/page_cache.py): never a page a person may not see, never old content."""

from django.contrib.auth.models import Group
from django.db import connections
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.models import CoursePage, LessonPage
from tests.support.courses import add_course


def _published_course(catalogue, **fields) -> CoursePage:
    course = add_course(catalogue, **fields)
    course.save_revision().publish()
    for lesson in LessonPage.objects.child_of(course):
        lesson.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


def _lesson(course, number: int) -> LessonPage:
    return LessonPage.objects.child_of(course).get(slug=f"lektion-{number}")


def test_a_warm_course_page_skips_wagtails_site_route_and_restriction_queries(
    catalogue, employee_client
):
    course = _published_course(catalogue)
    lesson = _lesson(course, 2)
    for url in (course.url, lesson.url):
        employee_client.get(url)
        with CaptureQueriesContext(connections["default"]) as queries:
            response = employee_client.get(url)
        assert response.status_code == 200
        sql = " ".join(query["sql"] for query in queries)
        assert "wagtailcore_site" not in sql
        assert "wagtailcore_pageviewrestriction" not in sql


def test_a_group_restriction_added_after_caching_keeps_others_out(
    catalogue, make_person, client
):
    course = _published_course(catalogue, title="Vertraulicher Kurs")
    lesson = _lesson(course, 1)
    insider = make_person(username="drinnen")
    group = Group.objects.create(name="Personalrat")
    insider.groups.add(group)
    outsider = make_person(username="draussen")
    client.force_login(outsider)
    for url in (course.url, lesson.url):
        assert client.get(url).status_code == 200  # route and fragments cached

    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    for url in (course.url, lesson.url):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "Vertraulicher Kurs" not in response.content.decode()

    client.force_login(insider)
    assert "Vertraulicher Kurs" in client.get(course.url).content.decode()
    client.force_login(outsider)  # the insider's visit cached nothing for others
    assert client.get(course.url).status_code == 302

    restriction.delete()
    assert client.get(course.url).status_code == 200


def test_a_restriction_on_the_catalogue_covers_cached_lessons(
    catalogue, employee_client
):
    course = _published_course(catalogue)
    lesson = _lesson(course, 1)
    assert employee_client.get(lesson.url).status_code == 200
    PageViewRestriction.objects.create(
        page=catalogue, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    response = employee_client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="password"' in html and "Lektion 1</h1>" not in html


def test_an_unpublished_lesson_is_gone_at_the_next_request(catalogue, employee_client):
    course = _published_course(catalogue)
    lesson = _lesson(course, 2)
    assert employee_client.get(lesson.url).status_code == 200
    assert "Lektion 2" in employee_client.get(course.url).content.decode()

    lesson.unpublish()
    assert employee_client.get(lesson.url).status_code == 404
    course_html = employee_client.get(course.url).content.decode()
    assert "Lektion 2" not in course_html
    # The neighbours link past it.
    first_html = employee_client.get(_lesson(course, 1).url).content.decode()
    assert "Weiter: Lektion 3" in first_html


def test_an_unpublished_course_is_gone_even_when_its_row_says_live(
    catalogue, employee_client
):
    course = _published_course(catalogue)
    assert employee_client.get(course.url).status_code == 200
    # Taken offline without Wagtail's signals (a raw update): the page row is read
    # on every request, so the cached route alone never serves it.
    CoursePage.objects.filter(pk=course.pk).update(live=False)
    assert employee_client.get(course.url).status_code == 404


def test_published_changes_are_seen_at_the_next_request(catalogue, employee_client):
    course = _published_course(catalogue, title="Alter Titel")
    lesson = _lesson(course, 1)
    employee_client.get(course.url)
    employee_client.get(lesson.url)

    course.title = "Neuer Titel"
    course.goals = "<ul><li>Neues Ziel</li></ul>"
    course.save_revision().publish()
    second = _lesson(course, 2)
    second.title = "Umbenannte Lektion"
    second.save_revision().publish()

    course_html = employee_client.get(course.url).content.decode()
    assert "Neuer Titel" in course_html and "Alter Titel" not in course_html
    assert "Neues Ziel" in course_html and "Umbenannte Lektion" in course_html
    lesson_html = employee_client.get(lesson.url).content.decode()
    assert "Neuer Titel" in lesson_html  # breadcrumb
    assert "Weiter: Umbenannte Lektion" in lesson_html


def test_a_new_slug_moves_the_page_at_once(catalogue, employee_client):
    course = _published_course(catalogue)
    lesson = _lesson(course, 1)
    old_url = lesson.url
    assert employee_client.get(old_url).status_code == 200
    lesson.slug = "neuer-name"
    lesson.save_revision().publish()
    assert employee_client.get(old_url).status_code == 404
    assert (
        employee_client.get(LessonPage.objects.get(pk=lesson.pk).url).status_code == 200
    )


def test_a_draft_is_not_shown_to_learners(catalogue, employee_client):
    course = _published_course(catalogue, title="Veröffentlicht")
    employee_client.get(course.url)
    course.title = "Entwurf"
    course.save_revision()
    html = employee_client.get(course.url).content.decode()
    assert "Veröffentlicht" in html and "Entwurf" not in html
