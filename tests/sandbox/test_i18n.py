"""A run is read in the reader's language: stored findings, form errors, the page.

Findings are stored as a code with parameters and written as sentences only when the
run is shown, so someone who switches to English reads every one of them in English.
The package's own texts (step names, field titles, explanations) stay as written.
"""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from sandbox import selectors, services

pytestmark = pytest.mark.django_db

# Words of the sandbox's own sentences; none occurs in the package's texts.
GERMAN = [
    "„",
    "Im Schritt",
    "eingetragen",
    "erwartet war",
    "nicht erreicht",
    "anderen Weg",
    "endete bei",
    "richtig wäre",
    "Hinweis genutzt",
    "Punkte",
    "Bitte füllen",
    "Bitte geben Sie",
    "ganze Zahl",
    "nichts gespeichert",
    "Befunde",
    "Ergebnis",
    "Ablauf:",
    "(erledigt)",
    "Verzweigung",
    "Aufgabe:",
]


@pytest.fixture
def english(client, employee):
    client.force_login(employee)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page_of(client, run) -> str:
    response = client.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    assert response.status_code == 200
    return response.content.decode()


def assert_no_german(page: str) -> None:
    found = [word for word in GERMAN if word in page]
    assert found == [], found


def submit(client, run, values: dict) -> None:
    run.refresh_from_db()
    task = selectors.run_view(run=run)["ready_tasks"][0]["id"]
    client.post(
        reverse("sandbox:run_submit", kwargs={"run_id": run.pk}),
        {"task": task, **{f"field_{k}": v for k, v in values.items()}},
    )


def test_a_run_with_form_errors_and_findings_reads_in_english(
    english, employee, demo_packages
):
    with translation.override("de"):  # the run is played in German first
        run = services.run_start(
            user=employee,
            process_id="hund_anmelden",
            case_id="labrador",
            mode="practice",
        )
        task = selectors.run_view(run=run)["ready_tasks"][0]["id"]
        services.run_take_hint(run=run, task_id=task)

    submit(english, run, {"rasse": "", "anzahl_hunde": ""})
    page = page_of(english, run)
    assert "Please fill in this field." in page
    assert "Please check the highlighted fields. Nothing has been saved." in page
    assert_no_german(page)
    submit(english, run, {"rasse": "Labrador", "anzahl_hunde": "zwei"})
    page = page_of(english, run)
    assert "Please enter a whole number." in page
    assert_no_german(page)

    submit(english, run, {"rasse": "Labrador", "anzahl_hunde": "1"})
    submit(english, run, {"gefaehrlich": "true"})
    page = page_of(english, run)
    assert "“Yes” was entered for “Gilt der Hund als gefährlich?”" in page
    assert_no_german(page)

    submit(english, run, {"erlaubnis_erteilt": "false"})
    run.refresh_from_db()
    assert not run.is_active
    page = page_of(english, run)
    assert "The run ended at “Haltung untersagt”" in page
    assert "was not reached because the process took a different path" in page
    assert "A hint was used in the step “Anmeldung erfassen” (−10 points)." in page
    assert_no_german(page)


def test_the_same_stored_findings_read_in_german(client, employee, demo_packages):
    run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="exam"
    )
    values = {
        "Task_Erfassen": {"rasse": "Labrador", "anzahl_hunde": 1},
        "Task_Gefahr": {"gefaehrlich": True},
        "Task_Erlaubnis": {"erlaubnis_erteilt": False},
    }
    while selectors.run_view(run=run)["ready_tasks"]:
        task = selectors.run_view(run=run)["ready_tasks"][0]
        run = services.run_submit_task(
            run=run, task_id=task["id"], data=values[task["element"]]
        )
    client.force_login(employee)
    page = page_of(client, run)
    assert "erwartet war „Nein“" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = page_of(client, run)
    assert "“No” was expected" in page
    assert_no_german(page)
