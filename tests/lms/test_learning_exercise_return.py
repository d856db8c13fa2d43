"""A sandbox run started from a lesson leads back to it, and the lesson shows the
exercise's result once played."""

import pytest
from django.urls import reverse

from bench.support.sandbox_form import practice_again_form
from lms import roles
from sandbox.models import SandboxRun
from tests.support.sandbox import play


@pytest.fixture
def learner(catalogue, make_person):
    roles.sync_groups()
    return make_person(first_name="Erika", last_name="Mustermann")


def test_run_from_a_lesson_leads_back_and_the_lesson_shows_the_result(
    catalogue, learner, client
):
    catalogue.sandbox_upload()
    lesson = catalogue.hund_lessons[1]
    client.force_login(learner)
    page = client.get(lesson.url).content.decode()
    assert f'name="back" value="{lesson.url}"' in page
    response = client.post(
        reverse("sandbox:run_start", args=["hund_anmelden"]),
        {"case": "labrador", "mode": "practice", "back": lesson.url},
    )
    run = SandboxRun.objects.get(user=learner)
    assert response["Location"] == reverse("sandbox:run_detail", args=[run.pk])
    run_page = client.get(response["Location"]).content.decode()
    assert f'href="{lesson.url}"' in run_page and "Zurück zur Lektion" in run_page

    expected = run.package.case("labrador")["expected"]
    play(run, lambda element: expected.get(element, {}))
    run_page = client.get(response["Location"]).content.decode()
    assert run_page.count("Zurück zur Lektion") == 2  # header and result
    lesson_page = client.get(lesson.url).content.decode()
    assert "bestanden mit 100 von 100 Punkten" in lesson_page
    assert reverse("sandbox:run_detail", args=[run.pk]) in lesson_page
    assert "Übung noch einmal starten" in lesson_page

    # Practising again from the result still leads back to the lesson.
    response = client.post(*practice_again_form(run_page))
    again = SandboxRun.objects.exclude(pk=run.pk).get(user=learner)
    assert response["Location"] == reverse("sandbox:run_detail", args=[again.pk])
    run_page = client.get(response["Location"]).content.decode()
    assert f'href="{lesson.url}"' in run_page and "Zurück zur Lektion" in run_page


def test_a_foreign_back_address_is_ignored(catalogue, learner, client):
    catalogue.sandbox_upload()
    client.force_login(learner)
    response = client.post(
        reverse("sandbox:run_start", args=["hund_anmelden"]),
        {"case": "labrador", "mode": "practice", "back": "https://evil.example/"},
    )
    run_page = client.get(response["Location"]).content.decode()
    assert "evil.example" not in run_page
    assert "Zurück zur Lektion" not in run_page
