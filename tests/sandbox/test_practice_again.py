"""A finished run offers to practise the same case again in one step."""

import pytest
from django.test import Client
from django.urls import reverse

from bench.support.sandbox_form import TASK, practice_again_form, token
from sandbox.models import SandboxRun
from tests.support.sandbox import play

pytestmark = pytest.mark.django_db


def test_a_finished_run_starts_the_same_case_mode_and_lanes_again(
    demo_packages, employee
):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(employee)
    detail = reverse("sandbox:process_detail", kwargs={"process_id": "hund_anmelden"})
    response = browser.post(
        reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"}),
        {
            "csrfmiddlewaretoken": token(browser.get(detail).content.decode()),
            "case": "labrador",
            "mode": "guided",
            "lanes": ["Finanzen"],
        },
    )
    first = SandboxRun.objects.get()
    page = browser.get(response["Location"]).content.decode()
    assert "Diesen Fall noch einmal üben" not in page  # only once it has ended

    expected = first.package.case("labrador")["expected"]
    play(first, lambda element: expected.get(element, {}))
    page = browser.get(response["Location"]).content.decode()
    assert "Bestanden: 100 von 100 Punkten" in page
    assert f'href="{detail}?case=labrador&amp;mode=guided"' in page
    assert "Anderen Fall oder Modus wählen" in page

    action, data = practice_again_form(page)
    response = browser.post(action, data)
    assert response.status_code == 302
    again = SandboxRun.objects.exclude(pk=first.pk).get()
    assert response["Location"] == reverse(
        "sandbox:run_detail", kwargs={"run_id": again.pk}
    )
    assert (again.case_id, again.mode, again.lanes) == (
        "labrador",
        "guided",
        ["Finanzen"],
    )
    assert (again.version, again.preview, again.is_active) == (1, False, True)
    first.refresh_from_db()
    assert (first.status, first.score) == ("finished", 100)
    page = browser.get(response["Location"]).content.decode()
    assert "Diesen Fall noch einmal üben" not in page
    assert TASK.search(page)
