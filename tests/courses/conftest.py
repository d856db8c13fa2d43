"""Fixtures of the course tests: a catalogue, a course, media, a learner."""

import pytest
from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from courses.models import CourseCatalogue, CoursePage, LessonMedia
from tests.support.courses import add_course, png_file, quiz_block, stream, text_block


@pytest.fixture
def image(db):
    return get_image_model().objects.create(title="Testbild", file=png_file())


@pytest.fixture
def video(db):
    return LessonMedia.objects.create(
        title="Testvideo",
        type="video",
        duration=3,
        file=ContentFile(b"\x1aE\xdf\xa3 not really webm", name="film.webm"),
        captions=ContentFile(
            b"WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n", name="film.vtt"
        ),
    )


@pytest.fixture
def site_root(db) -> Page:
    return Site.objects.get(is_default_site=True).root_page


@pytest.fixture
def catalogue(site_root) -> CourseCatalogue:
    page = CourseCatalogue(title="Kurse", slug="kurse")
    site_root.add_child(instance=page)
    return page


@pytest.fixture
def course(catalogue) -> CoursePage:
    return add_course(catalogue, bodies={1: stream(text_block(), quiz_block())})


@pytest.fixture
def employee(make_person):
    return make_person(username="lernende")


@pytest.fixture
def employee_client(client, employee):
    client.force_login(employee)
    return client
