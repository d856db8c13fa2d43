"""Real course content and sandbox runs for the learning-core tests (no mocks).

`catalogue_create` builds three live courses as Wagtail pages (published with
revisions), which `lms` reads through `courses.selectors` as in production; the
`catalogue` fixture of tests/lms/conftest.py calls it. The sandbox process
`hund_anmelden` exists only once a test uploads it (`Catalogue.sandbox_upload`),
because a course may be published before its sandbox package. Tests against the
full demo town use the `demo_town` fixture instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from courses.models import CourseCatalogue, CoursePage, LessonPage
from tests.support.courses import add_course, item, stream, text_block
from tests.support.sandbox import play

QUIZ_BLOCK = "7d3e0c1a-0000-4000-8000-000000000001"
ACK_BLOCK = "7d3e0c1a-0000-4000-8000-000000000002"
EXERCISE_BLOCK = "7d3e0c1a-0000-4000-8000-000000000003"
Q_SINGLE = "7d3e0c1a-0000-4000-8000-0000000000a1"
Q_MULTI = "7d3e0c1a-0000-4000-8000-0000000000a2"
Q_TF = "7d3e0c1a-0000-4000-8000-0000000000a3"
Q_ORDER = "7d3e0c1a-0000-4000-8000-0000000000a4"
Q_NUM = "7d3e0c1a-0000-4000-8000-0000000000a5"
ORDERED_STEPS = ("Antrag", "Prüfung", "Bescheid")
NO_SUCH_PAGE = 2_000_000_000  # larger than any page id a test database reaches


def _option(text: str, correct: bool, feedback: str = "") -> dict:
    return item({"text": text, "correct": correct, "feedback": feedback})


def datenschutz_quiz() -> dict:
    """The five-question quiz: one question of every kind, 80 % needs four right."""
    return {
        "type": "quiz",
        "id": QUIZ_BLOCK,
        "value": {
            "title": "Wissenscheck",
            "intro": "",
            "questions": [
                {
                    "type": "single",
                    "id": Q_SINGLE,
                    "value": {
                        "text": "Was regelt die Zweckbindung?",
                        "options": [
                            _option(
                                "Daten nur für den erhobenen Zweck", True, "Richtig."
                            ),
                            _option(
                                "Daten für alles",
                                False,
                                "Nein: Zweckbindung verbietet das.",
                            ),
                        ],
                        "explanation": "Art. 5 DSGVO: Zweckbindung.",
                    },
                },
                {
                    "type": "multiple",
                    "id": Q_MULTI,
                    "value": {
                        "text": "Was darf an die Steuer?",
                        "options": [
                            _option("Name", True),
                            _option("Anzahl Hunde", True),
                            _option("Telefonnummer", False),
                        ],
                        "explanation": "Nur was für die Steuer nötig ist.",
                    },
                },
                {
                    "type": "true_false",
                    "id": Q_TF,
                    "value": {
                        "text": "Eine Bürgerakte ist erlaubt.",
                        "correct": "false",
                        "explanation": "Sie ist verboten.",
                    },
                },
                {
                    "type": "ordering",
                    "id": Q_ORDER,
                    "value": {
                        "text": "Reihenfolge",
                        "items": [item(step) for step in ORDERED_STEPS],
                        "explanation": "Erst Antrag, dann Prüfung, dann Bescheid.",
                    },
                },
                {
                    "type": "numeric",
                    "id": Q_NUM,
                    "value": {
                        "text": "Hundesteuer pro Jahr?",
                        "answer": "96.00",
                        "tolerance": "0.50",
                        "unit": "€",
                        "explanation": "96 € laut Satzung.",
                    },
                },
            ],
        },
    }


def acknowledgement() -> dict:
    return {
        "type": "acknowledgement",
        "id": ACK_BLOCK,
        "value": {
            "title": "Kenntnisnahme",
            "text": "<p>Ich kenne die Regeln zur Datenminimierung.</p>",
            "statement": "Ich habe die Inhalte gelesen und verstanden.",
        },
    }


def sandbox_exercise() -> dict:
    return {
        "type": "sandbox_exercise",
        "id": EXERCISE_BLOCK,
        "value": {
            "title": "Labrador anmelden",
            "description": "",
            "process_id": "hund_anmelden",
            "case_id": "labrador",
            "mode": "practice",
        },
    }


def _publish(course: CoursePage) -> tuple[CoursePage, list[LessonPage]]:
    """Publish a course and its lessons through revisions, as an editor would."""
    course.save_revision().publish()
    lessons = list(LessonPage.objects.child_of(course).order_by("path"))
    for lesson in lessons:
        lesson.save_revision().publish()
    return course, lessons


@dataclass(frozen=True)
class Catalogue:
    """The live courses of a test, their lessons in order, and what they ask for."""

    datenschutz: CoursePage
    datenschutz_lessons: list[LessonPage]
    hund: CoursePage
    hund_lessons: list[LessonPage]
    optional: CoursePage
    optional_lessons: list[LessonPage]
    quiz_block_id: str = QUIZ_BLOCK
    ack_block_id: str = ACK_BLOCK

    @property
    def quiz_lesson(self) -> LessonPage:
        return self.datenschutz_lessons[1]

    @property
    def ack_lesson(self) -> LessonPage:
        return self.datenschutz_lessons[2]

    def quiz(self):
        """The quiz with its answer key, as `courses.selectors.quiz_get` reads it."""
        from courses.selectors import quiz_get

        quiz = quiz_get(page_id=self.quiz_lesson.id, block_id=self.quiz_block_id)
        assert quiz is not None
        return quiz

    def right_answers(self) -> dict:
        """Every question answered right, in the API's shape.

        Written from the authored content, not copied from the answer key; only the
        ids of the ordering options come from `quiz_get`, since they are positions in
        the order the page shows them. The multiple-choice answer is in reverse
        order on purpose: the order of choices must not matter.
        """
        ordering = next(q for q in self.quiz().questions if q.id == Q_ORDER)
        option_of = {option.text: option.id for option in ordering.options}
        return {
            Q_SINGLE: "0",
            Q_MULTI: ["1", "0"],
            Q_TF: False,
            Q_ORDER: [option_of[step] for step in ORDERED_STEPS],
            Q_NUM: 96,
        }

    def complete_datenschutz(self, user, *, now: dt.datetime | None = None) -> None:
        """Do everything the data-protection course asks for."""
        from lms.services.progress import acknowledgement_give, lesson_complete
        from lms.services.quizzes import quiz_attempt_submit

        lesson_complete(user=user, lesson_id=self.datenschutz_lessons[0].id, now=now)
        quiz_attempt_submit(
            user=user,
            lesson_id=self.quiz_lesson.id,
            block_id=self.quiz_block_id,
            answers=self.right_answers(),
            now=now,
        )
        acknowledgement_give(
            user=user,
            lesson_id=self.ack_lesson.id,
            block_id=self.ack_block_id,
            now=now,
        )

    def sandbox_upload(self) -> None:
        """Upload the sandbox package the dog course's exercise needs."""
        from demo.sandboxes import DEMO_PACKAGES_DIR
        from sandbox.services import package_import

        package_import(file=DEMO_PACKAGES_DIR / "hund_anmelden")

    def pass_sandbox(self, user, process_id="hund_anmelden", case_id="labrador"):
        """Play a real run of the exercise to a passed end; returns the run."""
        return sandbox_pass(user, process_id, case_id)


def catalogue_create() -> Catalogue:
    """Three live courses under /kurse/ of the default site."""
    from demo.courses import site_root_ensure

    # the default site, or what Wagtail's migrations created once if a
    # transactional test flushed it away
    root = site_root_ensure()
    catalogue = root.add_child(instance=CourseCatalogue(title="Kurse", slug="kurse"))
    catalogue.save_revision().publish()
    datenschutz, datenschutz_lessons = _publish(
        add_course(
            catalogue,
            slug="datenschutz",
            title="Datenschutz im digitalen Verfahren",
            initiative="Datenschutz",
            lessons=3,
            bodies={
                1: stream(text_block(), datenschutz_quiz()),
                2: stream(text_block(), acknowledgement()),
            },
            pass_mark=80,
            certificate_validity_months=12,
        )
    )
    hund, hund_lessons = _publish(
        add_course(
            catalogue,
            slug="hund",
            title="Hund anmelden – digital",
            initiative="Hund anmelden – digital",
            lessons=2,
            bodies={1: stream(text_block(), sandbox_exercise())},
            pass_mark=80,
        )
    )
    optional, optional_lessons = _publish(
        add_course(
            catalogue,
            slug="homeoffice",
            title="Tipps für das Homeoffice",
            initiative="",
            lessons=1,
        )
    )
    return Catalogue(
        datenschutz=datenschutz,
        datenschutz_lessons=datenschutz_lessons,
        hund=hund,
        hund_lessons=hund_lessons,
        optional=optional,
        optional_lessons=optional_lessons,
    )


def sandbox_pass(user, process_id: str, case_id: str):
    """Play a sandbox case with its expected values (sends `run_finished` on commit)."""
    from sandbox import services as sandbox_services

    run = sandbox_services.run_start(
        user=user, process_id=process_id, case_id=case_id, mode="practice"
    )
    expected = run.package.case(case_id).get("expected", {})
    run = play(run, lambda element: expected.get(element, {}))
    assert run.passed, "sandbox case did not pass with its expected values"
    return run


def rule_runs(callbacks) -> list:
    """The rule runs among on-commit callbacks (others renew a person's cached state)."""
    return [c for c in callbacks if "rules_apply_queue" in c.__qualname__]
