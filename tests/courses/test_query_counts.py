"""Course, lesson and catalogue pages cost the same number of queries for 3 or 12 lessons."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import LessonPage
from tests.support.courses import add_course, quiz_block, stream, text_block

MAX_QUERIES = 25


def _queries(client, url) -> int:
    client.get(url)  # warm caches (session, site root paths)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _course_urls(catalogue, slug, lessons):
    course = add_course(
        catalogue,
        slug=slug,
        lessons=lessons,
        bodies={
            1: stream(text_block(), quiz_block(f"5b0c4a52-0000-4000-8000-{slug:0>12}"))
        },
    )
    lesson = LessonPage.objects.child_of(course).get(slug="lektion-2")
    return course.url, lesson.url


def test_course_and_lesson_pages_have_constant_query_counts(
    catalogue, employee_client, django_assert_max_num_queries
):
    small_course, small_lesson = _course_urls(catalogue, "drei", 3)
    large_course, large_lesson = _course_urls(catalogue, "zwoelf", 12)

    assert _queries(employee_client, small_course) == _queries(
        employee_client, large_course
    )
    assert _queries(employee_client, small_lesson) == _queries(
        employee_client, large_lesson
    )
    for url in (small_course, large_course, small_lesson, large_lesson):
        with django_assert_max_num_queries(MAX_QUERIES):
            employee_client.get(url)


def test_catalogue_query_count_does_not_grow_with_courses(
    catalogue, employee_client, django_assert_max_num_queries
):
    add_course(catalogue, slug="eins", lessons=1)
    few = _queries(employee_client, catalogue.url)
    for number in range(6):
        add_course(catalogue, slug=f"mehr-{number}", title=f"Kurs {number}", lessons=1)
    assert _queries(employee_client, catalogue.url) == few
    with django_assert_max_num_queries(MAX_QUERIES):
        employee_client.get(catalogue.url)
