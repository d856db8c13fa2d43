"""The exercise card a course shows: start button once the sandbox exists, notice before."""

from django.template import Context, Template
from django.test import RequestFactory

from demo import sandboxes as demo_sandboxes

CARD = Template(
    "{% load learning %}{% sandbox_exercise_card process_id case_id mode %}"
)


def render_card(process_id, case_id, mode="practice"):
    request = RequestFactory().get("/kurse/")
    context = Context(
        {"request": request, "process_id": process_id, "case_id": case_id, "mode": mode}
    )
    return CARD.render(context)


def test_card_starts_the_exercise_when_the_sandbox_exists(db):
    demo_sandboxes.seed()
    html = render_card("hund_anmelden", "labrador")
    assert 'action="/sandbox/prozess/hund_anmelden/starten/"' in html
    assert 'name="case" value="labrador"' in html
    assert 'name="mode" value="practice"' in html
    assert "Übung starten" in html
    assert "Modus: Üben" in html
    assert "noch nicht verfügbar" not in html


def test_card_says_not_available_before_the_sandbox_exists(db):
    html = render_card("gibt_es_nicht", "fall")
    assert "noch nicht verfügbar" in html
    assert "<form" not in html


def test_card_says_not_available_for_an_unknown_case(db):
    demo_sandboxes.seed()
    assert "noch nicht verfügbar" in render_card("hund_anmelden", "gibt_es_nicht")
