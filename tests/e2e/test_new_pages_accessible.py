"""axe finds no violation on the training admin's new pages (rules, exemptions,
reminders, the import's list of changes) and on the API docs' header."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from lms.models import AssignmentRule, Exemption, StaffProfile
from tests.support.browser import login

pytestmark = pytest.mark.e2e


def assert_accessible(page, where: str) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, where + "\n" + results.generate_report()


def test_new_pages_have_no_accessibility_violations(
    page, demo_site, tmp_path, celery_eager
):
    rule = AssignmentRule.objects.filter(is_active=True).first()
    person = StaffProfile.objects.select_related("user").first().user
    exemption = Exemption.objects.create(
        user=person, course_id=rule.course_id, reason="Beim Land geschult"
    )
    login(page, demo_site, "training_admin")
    for path in (
        "/organisation/",
        "/organisation/regeln/neu/",
        f"/organisation/regeln/{rule.pk}/",
        f"/organisation/regeln/{rule.pk}/deaktivieren/",
        "/organisation/regeln/befreiungen/neu/",
        f"/organisation/regeln/befreiungen/{exemption.pk}/aufheben/",
        "/nachweise/erinnerung/?status=ueberfaellig",
    ):
        page.goto(demo_site + path)
        assert_accessible(page, path)

    # A rule form with errors.
    page.goto(demo_site + "/organisation/regeln/neu/")
    page.get_by_role("button", name="Vorschau").click()
    expect(page.get_by_text("Bitte wählen Sie einen Kurs.")).to_be_visible()
    assert_accessible(page, "rule form with errors")

    # The dry run of an import lists who will be created or changed.
    path = tmp_path / "neu.csv"
    path.write_text(
        "personalnummer;vorname;nachname;email;einheit\n"
        "X0001;Jörg;Über;joerg.ueber@musterstadt.example;ordnungsamt\n",
        encoding="utf-8",
    )
    page.goto(demo_site + "/organisation/import/")
    page.get_by_label("CSV-Datei").set_input_files(str(path))
    page.get_by_label("Nur prüfen").check()
    page.get_by_role("button", name="Datei hochladen").click()
    expect(
        page.get_by_role("heading", name="Wer angelegt oder geändert wird")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Neue und geänderte Personen")
    ).to_contain_text("Jörg Über")
    assert_accessible(page, "import dry run")

    page.goto(demo_site + "/api/v1/docs/")
    header = page.locator(".api-docs-header")
    expect(header.get_by_role("link", name="Zurück zu Lotse")).to_be_visible()
    header.get_by_role("link", name="Zurück zu Lotse").click()
    page.wait_for_url(demo_site + "/")
