"""Every lesson block renders, on its own and inside a served lesson page."""

import pytest
from django.core.files.base import ContentFile
from django.template.loader import get_template
from wagtail.documents import get_document_model

from courses.blocks.streams import LessonStreamBlock
from courses.models import LessonPage
from tests.support.courses import ACK_ID, SANDBOX_ID, add_course, quiz_block, stream


@pytest.fixture
def document(db):
    return get_document_model().objects.create(
        title="Checkliste", file=ContentFile(b"Checkliste", name="checkliste.txt")
    )


@pytest.fixture
def every_block(image, video, document):
    return [
        {"type": "heading", "value": {"text": "Überschrift-Test", "level": "h2"}},
        {"type": "text", "value": "<p>Text-Test mit <b>fett</b></p>"},
        {
            "type": "image",
            "value": {
                "image": image.pk,
                "alt_text": "Alt-Test",
                "caption": "Bildunterschrift-Test",
            },
        },
        {
            "type": "video",
            "value": {
                "video": video.pk,
                "title": "Video-Test",
                "transcript": "Worum es geht",
            },
        },
        {
            "type": "document",
            "value": {
                "document": document.pk,
                "title": "Dokument-Test",
                "description": "",
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "data_protection",
                "title": "Hinweis-Test",
                "text": "<p>Nur was nötig ist.</p>",
            },
        },
        {
            "type": "steps",
            "value": {
                "title": "So geht's-Test",
                "intro": "",
                "steps": [
                    {
                        "type": "item",
                        "id": "s1",
                        "value": {
                            "text": "<p>Schritt-eins-Test</p>",
                            "screenshot": image.pk,
                            "screenshot_alt": "Foto",
                        },
                    },
                    {
                        "type": "item",
                        "id": "s2",
                        "value": {
                            "text": "<p>Schritt-zwei-Test</p>",
                            "screenshot": None,
                            "screenshot_alt": "",
                        },
                    },
                ],
            },
        },
        quiz_block(),
        {
            "type": "sandbox_exercise",
            "id": SANDBOX_ID,
            "value": {
                "title": "Übung-Test",
                "description": "Probieren Sie es aus.",
                "process_id": "hund_anmelden",
                "case_id": "labrador",
                "mode": "guided",
            },
        },
        {
            "type": "acknowledgement",
            "id": ACK_ID,
            "value": {
                "title": "Kenntnisnahme-Test",
                "text": "<p>Gelesen.</p>",
                "statement": "Ich habe verstanden.",
            },
        },
    ]


EXPECTED_TEXT = {
    "heading": '<h2 class="lesson-heading">Überschrift-Test</h2>',
    "text": "Text-Test mit <b>fett</b>",
    "image": 'alt="Alt-Test"',
    "video": '<track kind="captions"',
    "document": "Dokument-Test",
    "callout": "Hinweis-Test",
    "steps": "Schritt-zwei-Test",
    "quiz": "Wer prüft die Rasse?",
    "sandbox_exercise": "Übung-Test",
    "acknowledgement": "Ich habe verstanden.",
}


def test_the_test_covers_every_block_type():
    assert set(EXPECTED_TEXT) == set(LessonStreamBlock().child_blocks)


def test_every_block_renders_in_a_served_lesson(
    catalogue, every_block, employee_client
):
    course = add_course(catalogue, lessons=1, bodies={0: stream(*every_block)})
    lesson = LessonPage.objects.child_of(course).get()
    response = employee_client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    for block_type, expected in EXPECTED_TEXT.items():
        assert expected in html, block_type


def test_every_block_renders_on_its_own(catalogue, every_block):
    course = add_course(catalogue, lessons=1, bodies={0: stream(*every_block)})
    lesson = LessonPage.objects.child_of(course).get()
    for child in lesson.body:
        html = child.render(context={"page": lesson, "block_id": child.id})
        assert EXPECTED_TEXT[child.block_type] in html, child.block_type


def test_video_plays_with_the_browser_video_element_and_captions(
    catalogue, video, employee_client
):
    body = stream(
        {"type": "video", "value": {"video": video.pk, "title": "", "transcript": ""}}
    )
    course = add_course(catalogue, lessons=1, bodies={0: body})
    html = employee_client.get(
        LessonPage.objects.child_of(course).get().url
    ).content.decode()
    assert "<video controls" in html
    assert video.captions.url in html
    assert 'srclang="de"' in html


def test_block_templates_hand_page_and_block_id_to_the_learning_tags(catalogue):
    course = add_course(catalogue, lessons=1, bodies={0: stream(quiz_block())})
    lesson = LessonPage.objects.child_of(course).get()
    html = lesson.body[0].render(
        context={"page": lesson, "block_id": lesson.body[0].id}
    )
    assert '<form method="post"' in html
    assert f'id="quiz-{lesson.body[0].id}"' in html


def test_wagtail_userbar_with_accessibility_checker_is_on_course_pages(
    catalogue, make_person, client
):
    course = add_course(catalogue, lessons=1)
    client.force_login(make_person(username="redakteurin", role_names={"trainer"}))
    for url in (
        catalogue.url,
        course.url,
        LessonPage.objects.child_of(course).get().url,
    ):
        assert "<wagtail-userbar" in client.get(url).content.decode(), url


def test_block_previews_render(db):
    for name, block in LessonStreamBlock().child_blocks.items():
        value = block.get_preview_value()
        if value in (None, "") or name in ("image", "video", "document"):
            continue  # previews of chooser blocks need an uploaded file
        html = block.render(value, context={})
        assert html.strip(), name


def test_every_block_has_label_icon_help_text_and_template():
    for name, block in LessonStreamBlock().child_blocks.items():
        meta = block.meta
        assert meta.label and meta.icon and meta.help_text and meta.template, name
        assert meta.template.startswith("courses/blocks/"), name
        get_template(meta.template)
