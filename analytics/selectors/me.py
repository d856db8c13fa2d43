"""A person's own readiness ("Meine Bereitschaft"): only ever for that person."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analytics.models import ReadinessSnapshot
from analytics.selectors.scope import process_scopes
from courses import selectors as courses
from lms.selectors.progress import learner_state
from sandbox import selectors as sandbox

ELEMENT_LABELS = {
    "A": gettext_lazy("Bewusstsein: Warum ändert sich etwas?"),
    "D": gettext_lazy("Wunsch: Möchte ich mitmachen?"),
    "K": gettext_lazy("Wissen: Wie geht das neue Verfahren?"),
    "Ab": gettext_lazy("Können: Klappt es in der Praxis?"),
    "R": gettext_lazy("Festigen: Bleibt es frisch?"),
}


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str
    link_text: str


@dataclass(frozen=True)
class MyReadiness:
    process_id: str
    title: str
    readiness: float
    ready: bool
    barrier: str
    barrier_label: str
    next_step: NextStep
    day: str

    def as_api(self) -> dict:
        return {
            "process": self.process_id,
            "title": self.title,
            "readiness": round(self.readiness, 1),
            "ready": self.ready,
            "barrier": self.barrier or None,
            "barrier_label": self.barrier_label or None,
            "next_step": {
                "text": self.next_step.text,
                "url": self.next_step.url,
                "link_text": self.next_step.link_text,
            },
            "day": self.day,
        }


def _knowledge_step(user, course_ids: list[int]) -> NextStep | None:
    """In tree order, the first lesson of the initiative's courses with a quiz
    below its pass mark (link to that quiz) or not yet completed (link to it)."""
    for course_id in course_ids:
        info = courses.course_info(course_id)
        if info is None:
            continue
        state = learner_state(user, course_id)
        quizzes: dict[int, list[str]] = {}
        for lesson_id, block_id in courses.quizzes_of_course(course_id):
            quizzes.setdefault(lesson_id, []).append(block_id)
        for lesson in courses.lessons_of_course(course_id):
            for block_id in quizzes.get(lesson.id, []):
                if state.best_scores.get((lesson.id, block_id), 0) < info.pass_mark:
                    return NextStep(
                        _(
                            "Wiederholen Sie das Quiz in „%(lesson)s“ – Versuche schaden nie, es zählt das beste Ergebnis."
                        )
                        % {"lesson": lesson.title},
                        f"{lesson.url}#quiz-{block_id}",
                        _("Zum Quiz"),
                    )
            if lesson.id not in state.done_lessons:
                return NextStep(
                    _("Als Nächstes: die Lektion „%(lesson)s“.")
                    % {"lesson": lesson.title},
                    lesson.url,
                    _("Zur Lektion"),
                )
    return None


def _ability_step(user, process_id: str, course_ids: list[int]) -> NextStep:
    """The sandbox case to practise: the one last failed, else one not played yet
    (the course's exercises first), opened on the process page ready to start."""
    exercises = [
        exercise.case_id
        for course_id in course_ids
        for exercise in courses.sandbox_exercises_of_course(course_id)
        if exercise.process_id == process_id and exercise.case_id
    ]
    case = sandbox.case_to_practise(
        user_id=user.pk, process_id=process_id, preferred=exercises
    )
    url = reverse("sandbox:process_detail", kwargs={"process_id": process_id})
    if case is None:
        return NextStep(
            _("Üben Sie im Übungsraum – dort dürfen Fehler passieren."),
            url,
            _("Zum Übungsraum"),
        )
    text = _(
        "Üben Sie den Fall „%(case)s“ im Übungsraum – dort dürfen Fehler passieren."
    ) % {"case": case.get("title") or case["id"]}
    return NextStep(
        text, f"{url}?{urlencode({'case': case['id']})}", _("Zum Übungsfall")
    )


def _course_step(course_ids: list[int], text: str) -> NextStep:
    for course_id in course_ids:
        info = courses.course_info(course_id)
        if info is not None:
            return NextStep(text, info.url, _("Zum Kurs"))
    return NextStep(text, reverse("learning:my_training"), _("Zu meinen Schulungen"))


def my_readiness(user) -> list[MyReadiness]:
    """The person's latest readiness per process, with the barrier point in plain
    words and a concrete next step."""
    latest = {}
    for snapshot in ReadinessSnapshot.objects.filter(user_id=user.pk).order_by("day"):
        latest[snapshot.process_id] = snapshot
    if not latest:
        return []
    scopes = process_scopes()
    result = []
    for process_id, snapshot in sorted(latest.items()):
        scope = scopes.get(process_id)
        course_ids = scope.course_ids if scope else []
        package = sandbox.process_get(process_id)
        title = package.title if package else process_id
        barrier = snapshot.barrier
        if barrier == "K":
            step = _knowledge_step(user, course_ids) or _course_step(
                course_ids, _("Gehen Sie den Kurs noch einmal durch.")
            )
        elif barrier == "Ab":
            step = _ability_step(user, process_id, course_ids)
        elif barrier == "A":
            step = _course_step(
                course_ids,
                _("Die erste Lektion erklärt, warum das Verfahren digital wird."),
            )
        elif barrier == "D":
            step = _course_step(
                course_ids,
                _(
                    "Schauen Sie sich an, was das neue Verfahren Ihnen abnimmt – und sprechen Sie Ihre Fragen im Team an."
                ),
            )
        elif barrier == "R":
            step = _course_step(
                course_ids,
                _(
                    "Frischen Sie Ihr Wissen auf: Ihr Zertifikat ist abgelaufen oder fehlt."
                ),
            )
        else:
            step = _ability_step(user, process_id, course_ids)
            step = NextStep(
                _(
                    "Sie sind gut vorbereitet. Ein Prüfungsdurchlauf im Übungsraum hält Sie sicher."
                ),
                step.url,
                step.link_text,
            )
        result.append(
            MyReadiness(
                process_id=process_id,
                title=title,
                readiness=snapshot.readiness,
                ready=snapshot.ready,
                barrier=barrier,
                barrier_label=str(ELEMENT_LABELS.get(barrier, "")),
                next_step=step,
                day=snapshot.day.isoformat(),
            )
        )
    return result
