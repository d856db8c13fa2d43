"""A step posted by sandbox/steps.js (header X-Lotse-Step) is answered with the
run page itself: one request instead of the POST and the redirect's GET, with
the same checks, messages and errors."""

import json
import re

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.support.sandbox_form import TASK, sandbox_submission, token
from demo.sandboxes import DEMO_PACKAGES_DIR
from sandbox.models import SandboxRun

pytestmark = pytest.mark.django_db

IN_PLACE = {"HTTP_X_LOTSE_STEP": "1"}


def task_id(html: str) -> str:
    return TASK.search(html).group(1)


def main(html: str) -> str:
    """The page's <main>, without the request's own CSRF token."""
    part = re.search(r'<main id="main".*</main>', html, re.S).group(0)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", part)


def current(html: str) -> list[str]:
    return re.findall(r'class="bpmn-\w+ is-current" data-element="([^"]+)"', html)


@pytest.fixture
def started(demo_packages, employee):
    """A browser checking CSRF tokens, the run it started and its first page."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(employee)
    detail = reverse("sandbox:process_detail", kwargs={"process_id": "hund_anmelden"})
    response = browser.post(
        reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"}),
        {
            "csrfmiddlewaretoken": token(browser.get(detail).content.decode()),
            "case": "labrador",
            "mode": "practice",
        },
    )
    page = browser.get(response["Location"]).content.decode()
    run = SandboxRun.objects.get()
    return browser, run, page


def first_step(page: str, anzahl_hunde: str) -> dict[str, str]:
    """The first task's form ("Anmeldung erfassen") as the page's form posts it."""
    return {
        "csrfmiddlewaretoken": token(page),
        "task": task_id(page),
        "field_rasse": "Labrador",
        "field_anzahl_hunde": anzahl_hunde,
    }


def test_a_step_answers_with_the_next_task_in_one_request(started):
    browser, run, page = started
    submit = reverse("sandbox:run_submit", kwargs={"run_id": run.pk})
    form = first_step(page, anzahl_hunde="1")
    with CaptureQueriesContext(connections["default"]) as queries:
        response = browser.post(submit, form, **IN_PLACE)
    assert response.status_code == 200
    answer = response.content.decode()
    assert "Richtig – Ihre Eingaben passen zum Fall." in answer
    assert current(answer) == ["Task_Gefahr"]
    assert '<main id="main"' in answer
    run.refresh_from_db()
    assert [step["element"] for step in run.steps] == ["Task_Erfassen"]
    # The run is read once, locked, and updated once: the page is drawn from
    # the run as saved, not read again.
    reads = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and '"sandbox_sandboxrun"' in q["sql"]
    ]
    assert len(reads) == 1 and reads[0].endswith("FOR UPDATE"), reads

    # The answer is the page at the run's address (drawn from the workflow
    # the step saved, not parsed again), and its form posts the next step.
    page = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    assert main(answer) == main(page.content.decode())
    choice = {"csrfmiddlewaretoken": token(answer), "task": task_id(answer)}
    again = browser.post(submit, {**choice, "field_gefaehrlich": "false"}, **IN_PLACE)
    assert current(again.content.decode()) == ["Task_Uebergabe"]
    page = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    assert main(again.content.decode()) == main(page.content.decode())


def test_a_rejected_step_answers_with_its_errors_and_saves_nothing(started):
    browser, run, page = started
    submit = reverse("sandbox:run_submit", kwargs={"run_id": run.pk})
    form = first_step(page, anzahl_hunde="viele")
    response = browser.post(submit, form, **IN_PLACE)
    assert response.status_code == 200
    answer = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben. Es wurde nichts gespeichert." in answer
    assert 'aria-invalid="true"' in answer
    assert 'value="Labrador"' in answer  # what was typed is kept
    assert current(answer) == ["Task_Erfassen"]
    run.refresh_from_db()
    assert run.steps == []
    # Shown once: the page at the run's address has neither message nor errors.
    page = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    assert "Es wurde nichts gespeichert" not in page.content.decode()

    # A task that is not (or no longer) ready: said so, nothing changes.
    response = browser.post(submit, {**form, "task": "nicht-da"}, **IN_PLACE)
    assert "Dieser Schritt ist gerade nicht an der Reihe." in response.content.decode()
    run.refresh_from_db()
    assert run.steps == []


def test_a_step_in_place_needs_the_csrf_token_and_the_own_run(started, colleague):
    browser, run, page = started
    submit = reverse("sandbox:run_submit", kwargs={"run_id": run.pk})
    form = {"task": task_id(page), "field_rasse": "Labrador", "field_anzahl_hunde": "1"}
    assert browser.post(submit, form, **IN_PLACE).status_code == 403
    other = Client(enforce_csrf_checks=True)
    other.force_login(colleague)
    other_page = other.get(reverse("sandbox:process_list")).content.decode()
    response = other.post(
        submit, {**form, "csrfmiddlewaretoken": token(other_page)}, **IN_PLACE
    )
    assert response.status_code == 404
    run.refresh_from_db()
    assert run.steps == []


def demo_cases():
    for folder in sorted(DEMO_PACKAGES_DIR.iterdir()):
        manifest = json.loads((folder / "sandbox.json").read_text())
        for case in manifest["cases"]:
            yield manifest["process_id"], case


@pytest.mark.parametrize(
    ("process_id", "case"),
    list(demo_cases()),
    ids=lambda value: value["id"] if isinstance(value, dict) else value,
)
def test_every_answer_in_place_is_the_run_page_at_its_address(
    demo_packages, employee, process_id, case
):
    """Each demo case played to its end (the expected values, the first way at
    each choice): every in-place answer shows what the run's address shows."""
    browser = Client()
    browser.force_login(employee)
    start = reverse("sandbox:run_start", kwargs={"process_id": process_id})
    location = browser.post(start, {"case": case["id"], "mode": "practice"})["Location"]
    values = {
        task: {
            name: str(value).lower() if isinstance(value, bool) else str(value)
            for name, value in fields.items()
        }
        for task, fields in case["expected"].items()
    }
    page = browser.get(location).content.decode()
    steps = 0
    while (submission := sandbox_submission(page, values)) is not None:
        action, data = submission
        page = browser.post(action, data, **IN_PLACE).content.decode()
        assert main(page) == main(browser.get(location).content.decode())
        steps += 1
        assert steps < 15, "the run does not end"
    assert "Ergebnis" in page and steps >= 1
