"""Lesson bodies are rendered once per published revision (courses/templatetags)."""

from courses.models import LessonPage
from tests.support.courses import add_course, quiz_block, stream, text_block


def _lesson(catalogue, body) -> LessonPage:
    course = add_course(catalogue, lessons=1, bodies={0: body})
    course.save_revision().publish()
    lesson = LessonPage.objects.child_of(course).get()
    lesson.save_revision().publish()
    return LessonPage.objects.get(pk=lesson.pk)


def test_lesson_text_is_served_from_the_cache_until_the_next_publish(
    catalogue, make_person, client
):
    first = text_block("<p>Erste Fassung.</p>")
    lesson = _lesson(catalogue, stream(first))
    client.force_login(make_person(username="lernende"))
    assert "Erste Fassung." in client.get(lesson.url).content.decode()

    # Changed in the database without a new revision: the cached revision is shown.
    changed = stream({**first, "value": "<p>Zweite Fassung.</p>"})
    LessonPage.objects.filter(pk=lesson.pk).update(body=changed)
    assert "Erste Fassung." in client.get(lesson.url).content.decode()

    # Publishing is a new revision: every learner sees it at once.
    lesson = LessonPage.objects.get(pk=lesson.pk)
    lesson.body = changed
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "Zweite Fassung." in html and "Erste Fassung." not in html


def test_quiz_form_and_result_stay_per_person(catalogue, make_person, client):
    lesson = _lesson(catalogue, stream(text_block(), quiz_block()))
    first = make_person(username="erste")
    client.force_login(first)
    first_html = client.get(lesson.url).content.decode()
    client.force_login(make_person(username="zweite"))
    second_html = client.get(lesson.url).content.decode()
    # Each person's form carries their own CSRF token; the questions are the same.
    token = 'name="csrfmiddlewaretoken" value="'
    first_token = first_html.split(token)[1].split('"')[0]
    second_token = second_html.split(token)[1].split('"')[0]
    assert first_token != second_token
    assert first_html.count('class="quiz__question"') == second_html.count(
        'class="quiz__question"'
    )
    assert first_html.count('class="quiz__question"') > 0


def test_english_visitors_get_their_own_cached_rendering(
    catalogue, make_person, client
):
    lesson = _lesson(catalogue, stream(text_block(), quiz_block()))
    client.force_login(make_person(username="lernende"))
    assert client.get(lesson.url, HTTP_ACCEPT_LANGUAGE="de").status_code == 200
    client.cookies.load({"django_language": "en"})
    html = client.get(lesson.url).content.decode()
    assert 'lang="en"' in html


def test_a_cached_lesson_loads_neither_its_images_nor_its_blocks(
    catalogue, make_person, client, image
):
    import uuid

    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    picture = {
        "type": "image",
        "value": {"image": image.pk, "alt_text": "Ein Testbild", "caption": ""},
        "id": str(uuid.uuid4()),
    }
    lesson = _lesson(catalogue, stream(text_block(), picture, quiz_block()))
    client.force_login(make_person(username="lernende"))
    first = client.get(lesson.url).content.decode()
    with CaptureQueriesContext(connections["default"]) as queries:
        again = client.get(lesson.url).content.decode()
    assert 'alt="Ein Testbild"' in first and 'alt="Ein Testbild"' in again
    assert again.count('class="quiz__question"') == first.count(
        'class="quiz__question"'
    )
    assert not [q for q in queries if "wagtailimages_image" in q["sql"]]
