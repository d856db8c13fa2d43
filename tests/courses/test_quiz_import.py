"""Quiz questions from GIFT, Moodle XML and Aiken files (samples in quiz_samples/):
valid files become quiz questions, a bad question gets a German error and nothing
is imported (issue 11)."""

from pathlib import Path

import pytest

from courses.blocks.quiz import QuestionStreamBlock, SingleChoiceQuestionBlock
from courses.quiz_import import QuizImportError, parse_questions

SAMPLES = Path(__file__).parent / "quiz_samples"


def parse(name: str, fmt: str) -> list[dict]:
    return parse_questions((SAMPLES / name).read_text(encoding="utf-8"), fmt)


def errors_of(name: str, fmt: str) -> list[str]:
    with pytest.raises(QuizImportError) as error:
        parse(name, fmt)
    return error.value.errors


def assert_valid_questions(items: list[dict]) -> None:
    """The imported questions pass the quiz block's own validation."""
    block = QuestionStreamBlock()
    block.clean(block.to_python(items))


def test_gift_questions_become_quiz_questions():
    items = parse("hundesteuer.gift", "gift")
    assert [item["type"] for item in items] == [
        "single",
        "multiple",
        "true_false",
        "numeric",
        "numeric",
        "true_false",
    ]
    single = items[0]["value"]
    assert (
        single["text"]
        == "Wer prüft bei der Anmeldung, ob ein Hund als gefährlich gilt?"
    )
    options = [option["value"] for option in single["options"]]
    assert [o["text"] for o in options] == [
        "Das Ordnungsamt",
        "Die Steuerstelle",
        "Das Bürgerbüro",
    ]
    assert [o["correct"] for o in options] == [True, False, False]
    assert options[1]["feedback"] == "Nein, die Steuerstelle setzt nur die Steuer fest."
    assert single["explanation"] == "Die Prüfung der Rasse gehört zum Ordnungsrecht."
    multiple = [o["value"]["correct"] for o in items[1]["value"]["options"]]
    assert multiple == [True, True, False, False]
    assert items[2]["value"]["correct"] == "false"
    assert (items[3]["value"]["answer"], items[3]["value"]["tolerance"]) == ("96", "0")
    assert (items[4]["value"]["answer"], items[4]["value"]["tolerance"]) == ("144", "1")
    assert items[5]["value"]["text"] == (
        "Die Angabe 50\\% in der Satzung heißt: die Hälfte {laut § 3}."
    )
    assert_valid_questions(items)


def test_a_bad_gift_question_is_named_in_german_and_nothing_is_imported():
    errors = errors_of("kaputt.gift", "gift")
    assert len(errors) == 3  # the good first question is not reported
    assert errors[0].startswith("Frage 2 („Welche Farbe hat das Formular?“)")
    assert "Keine Antwort ist als richtig markiert." in errors[0]
    assert errors[1].startswith("Frage 3") and "Zuordnung" in errors[1]
    assert errors[2].startswith("Frage 4") and "geschweiften Klammern" in errors[2]


def test_moodle_xml_questions_become_quiz_questions():
    items = parse("hundesteuer.xml", "moodle_xml")
    assert [item["type"] for item in items] == [
        "single",
        "multiple",
        "true_false",
        "numeric",
    ]
    single = items[0]["value"]
    assert single["text"] == "Wer prüft, ob ein Hund als gefährlich gilt?"  # no HTML
    assert [o["value"]["text"] for o in single["options"]][2] == "Das Bürgerbüro"
    assert single["options"][1]["value"]["feedback"] == "Sie setzt nur die Steuer fest."
    assert single["explanation"] == "Die Rasseliste gehört zum Ordnungsrecht."
    assert items[2]["value"]["correct"] == "false"
    assert (items[3]["value"]["answer"], items[3]["value"]["tolerance"]) == (
        "96",
        "0.5",
    )
    assert_valid_questions(items)


def test_bad_moodle_xml_is_named_per_question():
    errors = errors_of("kaputt.xml", "moodle_xml")
    assert len(errors) == 2
    assert errors[0].startswith("Frage 2 („Welche Stelle ist zuständig?“)")
    assert "genau eine Antwort richtig" in errors[0]
    assert errors[1].startswith("Frage 3") and "„matching“" in errors[1]


def test_broken_xml_and_hostile_xml_are_refused():
    with pytest.raises(QuizImportError) as error:
        parse_questions("<quiz><question>", "moodle_xml")
    assert "kein gültiges Moodle XML" in error.value.errors[0]
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz>&b;</quiz>'
    )
    with pytest.raises(QuizImportError):
        parse_questions(bomb, "moodle_xml")


def test_aiken_questions_become_single_choice_questions():
    items = parse("hundesteuer.aiken", "aiken")
    assert [item["type"] for item in items] == ["single", "single"]
    options = [o["value"] for o in items[1]["value"]["options"]]
    assert [o["correct"] for o in options] == [False, False, True]
    assert options[2]["text"] == "Ergebnis der Rasseprüfung"
    assert_valid_questions(items)


def test_bad_aiken_is_named_per_question():
    errors = errors_of("kaputt.aiken", "aiken")
    assert len(errors) == 2
    assert errors[0].startswith("Frage 1") and "ANSWER" in errors[0]
    assert errors[1].startswith("Frage 2") and "ANSWER: … fehlt" in errors[1]


def test_an_empty_file_has_no_questions():
    with pytest.raises(QuizImportError) as error:
        parse_questions("// nur ein Kommentar\n", "gift")
    assert error.value.errors == ["Die Datei enthält keine Fragen."]


def test_a_new_choice_question_starts_with_two_answer_fields():
    options = SingleChoiceQuestionBlock().get_default()["options"]
    assert len(options) == 2


@pytest.fixture
def editor_client(course, make_person, client):
    client.force_login(make_person(username="ada", role_names={"admin"}))
    return client


def _lesson(course):
    from courses.models import LessonPage

    return LessonPage.objects.child_of(course).order_by("path")[1]  # has a quiz


def _questions(lesson) -> int:
    from courses.models import LessonPage

    body = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object().body
    return sum(len(b.value["questions"]) for b in body if b.block_type == "quiz")


def test_the_lesson_editor_links_to_the_import(course, editor_client):
    from django.urls import reverse

    lesson = _lesson(course)
    html = editor_client.get(
        reverse("wagtailadmin_pages:edit", args=(lesson.pk,))
    ).content.decode()
    assert reverse("courses_quiz_import", args=(lesson.pk,)) in html


def test_import_page_saves_a_draft_or_nothing(course, editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from courses.models import LessonPage

    lesson = _lesson(course)
    lesson.save_revision()
    url = reverse("courses_quiz_import", args=(lesson.pk,))
    form = editor_client.get(url).content.decode()
    quiz_id = next(b["id"] for b in lesson.body.raw_data if b["type"] == "quiz")
    assert f'value="{quiz_id}"' in form
    before = _questions(lesson)

    def post(name, fmt):
        upload = SimpleUploadedFile(name, (SAMPLES / name).read_bytes())
        return editor_client.post(url, {"file": upload, "fmt": fmt, "quiz": quiz_id})

    response = post("kaputt.aiken", "aiken")
    assert response.status_code == 200
    assert (
        "Nichts wurde übernommen: 2 Fragen sind fehlerhaft."
        in response.content.decode()
    )
    assert _questions(lesson) == before

    response = post("hundesteuer.xml", "moodle_xml")
    assert response.status_code == 302
    assert _questions(lesson) == before + 4
    assert LessonPage.objects.get(pk=lesson.pk).has_unpublished_changes


@pytest.mark.parametrize(
    "text, message",
    [
        ("Frage?{=ja ~nein}\x00", "Nullzeichen"),
        ("Wie viel?{#1e999}", "zu groß"),
        ("Wie viel?{#nan}", "keine Zahl"),
        ("Wie viel?{#3.14159}", "zwei Nachkommastellen"),
    ],
)
def test_hostile_gift_is_refused_in_german(text, message):
    with pytest.raises(QuizImportError) as error:
        parse_questions(text, "gift")
    assert message in error.value.errors[0]
