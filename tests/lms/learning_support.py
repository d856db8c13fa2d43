"""A stand-in for `courses.selectors` and `sandbox.selectors` in learning-core tests.

Implements the selector contract of the courses issue with plain dataclasses, so the
learning core is tested without Wagtail pages; tests against the real demo courses
use the `demo_town` fixture instead.
"""

from dataclasses import dataclass, field

import pytest


@dataclass
class CourseInfo:
    id: int
    title: str
    slug: str
    url: str
    initiative: str
    pass_mark: int
    certificate_validity_months: int | None
    estimated_minutes: int


@dataclass
class LessonInfo:
    id: int
    title: str
    slug: str
    url: str
    order: int


@dataclass
class Option:
    id: str
    text: str
    feedback: str = ""


@dataclass
class Question:
    id: str
    kind: str
    text: str
    options: list
    correct: object
    tolerance: float = 0
    unit: str = ""
    explanation: str = ""


@dataclass
class Quiz:
    page_id: int
    block_id: str
    title: str
    questions: list


@dataclass
class SandboxExercise:
    lesson_id: int
    block_id: str
    process_id: str
    case_id: str
    mode: str
    title: str


DATENSCHUTZ, HUND, OPTIONAL = 1001, 2001, 3001
QUIZ_LESSON, QUIZ_BLOCK = 1012, "quiz-a"
ACK_LESSON, ACK_BLOCK = 1013, "ack-1"


def _opts(*texts, feedback=()):
    fb = list(feedback) + [""] * len(texts)
    return [Option(str(i), t, fb[i]) for i, t in enumerate(texts)]


QUIZ = Quiz(
    page_id=QUIZ_LESSON,
    block_id=QUIZ_BLOCK,
    title="Wissenscheck",
    questions=[
        Question(
            "q-single",
            "single",
            "Was regelt die Zweckbindung?",
            _opts(
                "Daten nur für den erhobenen Zweck",
                "Daten für alles",
                feedback=("Richtig.", "Nein: Zweckbindung verbietet das."),
            ),
            "0",
            explanation="Art. 5 DSGVO: Zweckbindung.",
        ),
        Question(
            "q-multi",
            "multiple",
            "Was darf an die Steuer?",
            _opts("Name", "Anzahl Hunde", "Telefonnummer"),
            ["0", "1"],
            explanation="Nur was für die Steuer nötig ist.",
        ),
        Question(
            "q-tf",
            "true_false",
            "Eine Bürgerakte ist erlaubt.",
            [],
            False,
            explanation="Sie ist verboten.",
        ),
        Question(
            "q-order",
            "ordering",
            "Reihenfolge",
            _opts("Antrag", "Prüfung", "Bescheid"),
            ["0", "1", "2"],
            explanation="Erst Antrag, dann Prüfung, dann Bescheid.",
        ),
        Question(
            "q-num",
            "numeric",
            "Hundesteuer pro Jahr?",
            [],
            96.0,
            tolerance=0.5,
            unit="€",
            explanation="96 € laut Satzung.",
        ),
    ],
)
RIGHT = {
    "q-single": "0",
    "q-multi": ["1", "0"],
    "q-tf": False,
    "q-order": ["0", "1", "2"],
    "q-num": 96,
}


class FakeQuerySet(list):
    def values_list(self, *fields, flat=False):
        return [c.id for c in self]


class FakeCourses:
    """courses.selectors, per the contract."""

    def __init__(self):
        self.courses = {
            DATENSCHUTZ: CourseInfo(
                DATENSCHUTZ,
                "Datenschutz im digitalen Verfahren",
                "datenschutz",
                "/kurse/datenschutz/",
                "Datenschutz",
                80,
                12,
                45,
            ),
            HUND: CourseInfo(
                HUND,
                "Hund anmelden – digital",
                "hund",
                "/kurse/hund/",
                "Hund anmelden – digital",
                80,
                None,
                60,
            ),
            OPTIONAL: CourseInfo(
                OPTIONAL,
                "Tipps für das Homeoffice",
                "homeoffice",
                "/kurse/homeoffice/",
                "",
                80,
                None,
                15,
            ),
        }
        self.lessons = {
            DATENSCHUTZ: [
                LessonInfo(
                    1011 + i,
                    f"Lektion {i + 1}",
                    f"l{i + 1}",
                    f"/kurse/datenschutz/l{i + 1}/",
                    i,
                )
                for i in range(3)
            ],
            HUND: [
                LessonInfo(
                    2011 + i, f"Hund {i + 1}", f"h{i + 1}", f"/kurse/hund/h{i + 1}/", i
                )
                for i in range(2)
            ],
            OPTIONAL: [
                LessonInfo(3011, "Einziges Kapitel", "k", "/kurse/homeoffice/k/", 0)
            ],
        }
        self.quizzes = {DATENSCHUTZ: [(QUIZ_LESSON, QUIZ_BLOCK)]}
        self.acks = {DATENSCHUTZ: [(ACK_LESSON, ACK_BLOCK)]}
        self.exercises = {
            HUND: [
                SandboxExercise(
                    2012,
                    "sb-1",
                    "hund_anmelden",
                    "labrador",
                    "practice",
                    "Labrador anmelden",
                )
            ]
        }
        self.calls = 0

    def course_list(self, *, initiative=None):
        return FakeQuerySet(self.courses.values())

    def course_info(self, course_id):
        self.calls += 1
        return self.courses.get(course_id)

    def lessons_of_course(self, course_id):
        return list(self.lessons.get(course_id, []))

    def course_of_lesson(self, lesson_id):
        for course_id, lessons in self.lessons.items():
            if any(lesson.id == lesson_id for lesson in lessons):
                return self.courses[course_id]
        return None

    def quiz_get(self, *, page_id, block_id):
        if (page_id, block_id) == (QUIZ_LESSON, QUIZ_BLOCK):
            return QUIZ
        return None

    def quizzes_of_course(self, course_id):
        return list(self.quizzes.get(course_id, []))

    def acknowledgements_of_course(self, course_id):
        return list(self.acks.get(course_id, []))

    def sandbox_exercises_of_course(self, course_id):
        return list(self.exercises.get(course_id, []))


@dataclass
class FakeSandbox:
    processes: set = field(default_factory=set)
    passed: set = field(default_factory=set)  # (user_id, process_id)

    def process_exists(self, process_id):
        return process_id in self.processes

    def process_passed_by_user(self, *, user_id, process_id):
        return (user_id, process_id) in self.passed


@pytest.fixture(name="catalogue")
def catalogue_fixture(monkeypatch, settings):
    """Replace course and sandbox content with the fakes above."""
    from django.core.cache import cache

    from lms.selectors import content

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "learning-tests",
        }
    }
    cache.clear()
    from lms.celery import app

    eager_before = app.conf.task_always_eager
    app.conf.task_always_eager = True  # tasks queued on commit run in-process
    fake_courses, fake_sandbox = FakeCourses(), FakeSandbox()
    monkeypatch.setattr(content, "_courses", lambda: fake_courses)
    monkeypatch.setattr(content, "_sandbox", lambda: fake_sandbox)
    yield fake_courses, fake_sandbox
    app.conf.task_always_eager = eager_before
    cache.clear()


@pytest.fixture(name="eager_celery")
def eager_celery_fixture():
    """Run tasks in-process even when a broker is configured (e-mails into outbox)."""
    from lms.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def complete_datenschutz(user, *, now=None):
    """Do everything the fake data-protection course asks for."""
    from lms.services import acknowledgement_give, lesson_complete, quiz_attempt_submit

    lesson_complete(user=user, lesson_id=1011, now=now)
    quiz_attempt_submit(
        user=user, lesson_id=QUIZ_LESSON, block_id=QUIZ_BLOCK, answers=RIGHT, now=now
    )
    acknowledgement_give(user=user, lesson_id=ACK_LESSON, block_id=ACK_BLOCK, now=now)


def sandbox_pass(user, process_id: str, case_id: str) -> None:
    """Play a sandbox case with its expected values (sends `run_finished` on commit)."""
    from sandbox import selectors as sandbox_selectors
    from sandbox import services as sandbox_services

    run = sandbox_services.run_start(
        user=user, process_id=process_id, case_id=case_id, mode="practice"
    )
    expected = run.package.case(case_id).get("expected", {})
    for _ in range(30):
        tasks = sandbox_selectors.run_view(run=run)["ready_tasks"]
        if not tasks:
            break
        task = tasks[0]
        run = sandbox_services.run_submit_task(
            run=run, task_id=task["id"], data=expected.get(task["element"], {})
        )
    assert run.passed, "sandbox case did not pass with its expected values"
