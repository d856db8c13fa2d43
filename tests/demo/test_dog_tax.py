"""The sandbox teaches what the course teaches: the dog-tax lesson and the
"Hund anmelden" package charge the same (96 € the first dog, 144 € each further)."""

import re

import pytest

from demo.course_texts import HUND
from sandbox import selectors, services
from tests.support.sandbox import play

pytestmark = pytest.mark.django_db


def _lesson_rates() -> tuple[int, int, int]:
    """First dog, each further dog, dangerous dog – as the lesson states them."""
    lesson = next(
        x for x in HUND["lessons"] if x["slug"] == "hundesteuer-und-datenuebergabe"
    )
    text = " ".join(block[1] for block in lesson["body"] if block[0] == "text")
    text = re.sub(r"<[^>]+>", "", text)
    first = re.search(r"erste Hund (\d+) €", text)
    further = re.search(r"jeder weitere (\d+) €", text)
    dangerous = re.search(r"gefährlichen Hund gilt ein Satz von\s+(\d+) €", text)
    assert first and further and dangerous, text
    return int(first[1]), int(further[1]), int(dangerous[1])


def test_lesson_and_package_charge_the_same_dog_tax(django_user_model):
    from demo.sandboxes import seed

    seed()
    first, further, dangerous = _lesson_rates()
    assert (first, further) == (96, 144)
    person = django_user_model.objects.create_user(username="steuer.test")
    package = selectors.process_get("hund_anmelden")
    checked = 0
    for case in package.cases:
        expected = case["expected"]
        if "Task_Bescheid" not in expected:
            continue
        dogs = expected["Task_Uebergabe"]["steuer_anzahl"]
        rate = dangerous if expected["Task_Uebergabe"]["steuer_gefaehrlich"] else None
        fee = dogs * rate if rate else first + (dogs - 1) * further
        # What the package expects the learner to enter …
        assert expected["Task_Bescheid"]["jahresbetrag"] == fee, case["id"]
        # … and what its decision table hands the Finanzen lane.
        run = services.run_start(
            user=person,
            process_id="hund_anmelden",
            case_id=case["id"],
            mode="practice",
            lanes=["Finanzen"],
        )
        data = selectors.run_view(run=run)["ready_tasks"][0]["data"]
        if rate:
            assert data["steuer_satz_erster"] == rate
        else:
            assert (data["steuer_satz_erster"], data["steuer_satz_weitere"]) == (
                first,
                further,
            )
        run = play(run, lambda element, case=case: case["expected"].get(element, {}))
        assert run.passed and run.score == 100
        checked += 1
    assert checked >= 2
