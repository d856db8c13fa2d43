"""Builders for course pages on a real Wagtail tree (no mocks)."""

import json
import uuid
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage

from courses.models import CoursePage, LessonPage

QUIZ_ID = "5b0c4a52-0000-4000-8000-000000000001"
Q_SINGLE = "5b0c4a52-0000-4000-8000-0000000000a1"
Q_MULTIPLE = "5b0c4a52-0000-4000-8000-0000000000a2"
Q_TRUE_FALSE = "5b0c4a52-0000-4000-8000-0000000000a3"
Q_ORDERING = "5b0c4a52-0000-4000-8000-0000000000a4"
Q_NUMERIC = "5b0c4a52-0000-4000-8000-0000000000a5"
ACK_ID = "5b0c4a52-0000-4000-8000-0000000000b1"
SANDBOX_ID = "5b0c4a52-0000-4000-8000-0000000000c1"

# Marker strings that must never reach the browser before submission.
SECRET_FEEDBACK = "GEHEIM-RUECKMELDUNG"
SECRET_EXPLANATION = "GEHEIM-ERKLAERUNG"
NUMERIC_ANSWER = "4711.25"
ORDERED_ITEMS = ["Schritt Alpha", "Schritt Beta", "Schritt Gamma", "Schritt Delta"]


def item(value, n=0):
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def quiz_block(block_id: str = QUIZ_ID) -> dict:
    def option(text, correct, feedback=""):
        return item({"text": text, "correct": correct, "feedback": feedback})

    return {
        "type": "quiz",
        "id": block_id,
        "value": {
            "title": "Testquiz",
            "intro": "Fünf Fragen",
            "questions": [
                {
                    "type": "single",
                    "id": Q_SINGLE,
                    "value": {
                        "text": "Wer prüft die Rasse?",
                        "options": [
                            option("Steuerstelle", False, f"{SECRET_FEEDBACK}-1"),
                            option(
                                "Ordnungsamt",
                                True,
                                f"{SECRET_FEEDBACK}-2 <script>alert(1)</script> "
                                "https://www.musterstadt.de/hunde",
                            ),
                        ],
                        "explanation": f"{SECRET_EXPLANATION}-single <b onmouseover=x>fett</b>",
                    },
                },
                {
                    "type": "multiple",
                    "id": Q_MULTIPLE,
                    "value": {
                        "text": "Was bekommt die Steuerstelle?",
                        "options": [
                            option("Name", True),
                            option("Telefon", False),
                            option("Anschrift", True),
                        ],
                        "explanation": f"{SECRET_EXPLANATION}-multiple",
                    },
                },
                {
                    "type": "true_false",
                    "id": Q_TRUE_FALSE,
                    "value": {
                        "text": "Eine Bürgerakte ist erlaubt.",
                        "correct": "false",
                        "explanation": f"{SECRET_EXPLANATION}-tf",
                    },
                },
                {
                    "type": "ordering",
                    "id": Q_ORDERING,
                    "value": {
                        "text": "Ordnen Sie.",
                        "items": [item(text) for text in ORDERED_ITEMS],
                        "explanation": f"{SECRET_EXPLANATION}-ordering",
                    },
                },
                {
                    "type": "numeric",
                    "id": Q_NUMERIC,
                    "value": {
                        "text": "Wie hoch ist die Gebühr?",
                        "answer": NUMERIC_ANSWER,
                        "tolerance": "0.5",
                        "unit": "€",
                        "explanation": f"{SECRET_EXPLANATION}-numeric",
                    },
                },
            ],
        },
    }


def text_block(html: str = "<p>Ein Absatz.</p>") -> dict:
    return {"type": "text", "value": html, "id": str(uuid.uuid4())}


def stream(*blocks) -> str:
    return json.dumps(list(blocks))


def png_file(name: str = "bild.png", color: str = "#0b4f8a") -> ImageFile:
    buffer = BytesIO()
    PILImage.new("RGB", (64, 48), color).save(buffer, "PNG")
    return ImageFile(BytesIO(buffer.getvalue()), name=name)


def add_course(
    catalogue,
    *,
    slug="testkurs",
    title="Testkurs",
    initiative="Hund anmelden – digital",
    lessons=3,
    bodies=None,
    **fields,
) -> CoursePage:
    course = CoursePage(
        title=title,
        slug=slug,
        summary="Worum es geht.",
        goals="<ul><li>Ziel</li></ul>",
        initiative=initiative,
        estimated_minutes=30,
        **fields,
    )
    catalogue.add_child(instance=course)
    for number in range(lessons):
        body = (bodies or {}).get(number) or stream(
            text_block(f"<p>Lektion {number + 1}</p>")
        )
        course.add_child(
            instance=LessonPage(
                title=f"Lektion {number + 1}",
                slug=f"lektion-{number + 1}",
                body=body,
            )
        )
    return course
