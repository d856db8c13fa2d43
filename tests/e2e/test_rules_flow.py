"""The training admin creates an assignment rule after seeing how many it covers."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from lms.models import AssignmentRule, Enrolment, OrgUnit
from lms.selectors.content import course_ids_live, course_outline
from tests.support.browser import login, screenshot

pytestmark = pytest.mark.e2e


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_training_admin_creates_a_rule_after_seeing_the_preview(
    page, demo_site, celery_eager
):
    course = next(
        o
        for o in map(course_outline, course_ids_live())
        if o and o.info.title == "Bauantrag digital prüfen"
    )
    planning = OrgUnit.objects.get(code="stadtplanung")
    people = planning.members.filter(user__is_active=True).count()
    rules_before = AssignmentRule.objects.count()

    login(page, demo_site, "training_admin")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("link", name="Organisation").click()
    page.get_by_role("link", name="Zuweisungsregeln und Befreiungen").click()
    expect(
        page.get_by_role("heading", name="Zuweisungsregeln", exact=True)
    ).to_be_visible()
    rules = page.get_by_role("table", name="Zuweisungsregeln")
    expect(rules).to_contain_text("Bauantrag digital prüfen")
    expect(rules).to_contain_text("alle Einheiten")
    assert_accessible(page)

    page.get_by_role("link", name="Neue Regel").click()
    page.get_by_label("Kurs").select_option(str(course.id))
    page.get_by_label("Organisationseinheit").select_option(label="Stadtplanung")
    page.get_by_label("fällig nach Tagen").fill("21")
    page.get_by_role("button", name="Vorschau").click()
    preview = page.get_by_role("status").filter(has_text="Vorschau")
    expect(preview).to_contain_text(f"Die Regel erfasst {people} Personen.")
    expect(preview).to_contain_text(
        f"Beim Speichern werden {people} Personen neu eingeschrieben."
    )
    assert AssignmentRule.objects.count() == rules_before  # nothing saved yet
    assert_accessible(page)
    screenshot(page, "rule-preview")

    page.get_by_role("button", name="Regel speichern").click()
    expect(
        page.get_by_text(
            re.compile(rf"Die Regel ist angelegt: {people} Personen neu eingeschrieben")
        )
    ).to_be_visible()
    rule = AssignmentRule.objects.get(course_id=course.id, org_unit=planning)
    assert rule.due_days == 21
    assert (
        Enrolment.objects.filter(
            rule=rule, is_current=True, user__staff__org_unit=planning
        ).count()
        == people
    )
