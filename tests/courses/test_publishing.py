"""A lesson with an image without alt text or a video without captions is not published."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import LessonMedia, LessonPage


@pytest.fixture
def editor_client(client, make_person):
    client.force_login(make_person(username="redaktion", role_names={"admin"}))
    return client


def _lesson_form(body_items, action):
    data = nested_form_data(
        {
            "title": "Neue Lektion",
            "slug": "neue-lektion",
            "summary": "",
            "estimated_minutes": "",
            "body": streamfield(body_items),
        }
    )
    data[action] = action
    return data


def _add(client, course, body_items, action="action-publish"):
    url = reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", course.pk))
    return client.post(url, _lesson_form(body_items, action))


def _image_item(image, alt):
    return ("image", {"image": image.pk, "alt_text": alt, "caption": ""})


def test_publishing_is_refused_for_an_image_without_alt_text(
    course, image, editor_client
):
    response = _add(editor_client, course, [_image_item(image, "")])
    assert response.status_code == 200  # the form again, with errors
    assert "Bitte geben Sie einen Alternativtext ein" in response.content.decode()
    assert not LessonPage.objects.filter(slug="neue-lektion").exists()


def test_publishing_is_refused_for_a_screenshot_without_alt_text(
    course, image, editor_client
):
    step = {
        "text": rich_text("<p>Klicken Sie auf Weiter.</p>"),
        "screenshot": image.pk,
        "screenshot_alt": "",
    }
    steps = (
        "steps",
        {"title": "So geht's", "intro": "", "steps": streamfield([("item", step)])},
    )
    response = _add(editor_client, course, [steps])
    assert "Bitte geben Sie einen Alternativtext ein" in response.content.decode()
    assert not LessonPage.objects.filter(slug="neue-lektion").exists()


def test_publishing_works_with_alt_text(course, image, editor_client):
    response = _add(editor_client, course, [_image_item(image, "Diagramm des Ablaufs")])
    assert response.status_code == 302
    assert LessonPage.objects.get(slug="neue-lektion").live


def test_a_draft_may_be_saved_without_alt_text_but_not_published(
    course, image, editor_client
):
    response = _add(
        editor_client, course, [_image_item(image, "")], action="action-save"
    )
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug="neue-lektion")
    assert not lesson.live


def test_publishing_is_refused_for_a_video_without_captions(course, editor_client):
    video = LessonMedia.objects.create(
        title="Altes Video ohne Untertitel",
        type="video",
        duration=2,
        file=ContentFile(b"video", name="alt.webm"),
    )
    response = _add(
        editor_client,
        course,
        [("video", {"video": video.pk, "title": "", "transcript": ""})],
    )
    assert "Dieses Video hat keine Untertitel" in response.content.decode()
    assert not LessonPage.objects.filter(slug="neue-lektion").exists()


def test_video_upload_form_requires_a_webvtt_captions_file(db):
    from django.core.exceptions import ValidationError

    video = LessonMedia(
        title="Film",
        type="video",
        file=ContentFile(b"x", name="film.webm"),
        captions=ContentFile(b"kein vtt", name="film.vtt"),
    )
    with pytest.raises(ValidationError) as error:
        video.full_clean(exclude=["uploaded_by_user"])
    assert "WebVTT" in str(error.value)
    assert "captions" in LessonMedia.admin_form_fields
    assert not LessonMedia._meta.get_field("captions").blank


def test_course_cover_image_needs_alt_text(catalogue, image):
    from django.core.exceptions import ValidationError

    from courses.models import CoursePage

    course = CoursePage(
        title="Kurs",
        slug="kurs",
        summary="s",
        goals="<p>g</p>",
        cover_image=image,
        cover_image_alt="",
    )
    with pytest.raises(ValidationError) as error:
        course.clean()
    assert "cover_image_alt" in error.value.message_dict
