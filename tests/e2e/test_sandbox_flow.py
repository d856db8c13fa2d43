"""Browser: an employee plays "Hund anmelden" in practice mode; a trainer uploads."""

import io
import json
import re
import zipfile

import pytest

from demo.accounts import LEAD_TRAINER_USERNAME
from demo.sandboxes import DEMO_PACKAGES_DIR
from tests.support.browser import (
    assert_no_horizontal_scroll,
    login,
    screenshot,
    submit_step,
)

pytestmark = pytest.mark.e2e


def current_step(page) -> str:
    return page.locator(".sandbox-diagram .is-current").first.get_attribute(
        "data-element"
    )


def choose(page, label: str, answer: str) -> None:
    page.get_by_role("group", name=label).get_by_label(answer, exact=True).check()


def test_employee_plays_hund_anmelden_to_the_end_in_practice_mode(page, demo_site):
    login(page, demo_site, "employee")
    page.goto(f"{demo_site}/sandbox/")
    assert page.get_by_text("ÜBUNG – fiktive Daten").is_visible()
    page.get_by_role("link", name="„Hund anmelden“ üben").click()
    page.get_by_label("Fall").select_option("labrador")
    page.get_by_label("Üben").check()
    screenshot(page, "sandbox-prozess")
    page.get_by_role("button", name="Durchlauf starten").click()

    assert page.get_by_role("heading", name="Anmeldung erfassen").is_visible()
    assert current_step(page) == "Task_Erfassen"
    assert page.get_by_text("ÜBUNG – fiktive Daten").is_visible()
    page.get_by_label("Rasse des Hundes").fill("Labrador")
    page.get_by_label("Anzahl der Hunde im Haushalt (mit diesem)").fill("1")
    submit_step(page)

    # A wrong entry first: practice mode says so at once; repeat the step.
    assert current_step(page) == "Task_Gefahr"
    done = page.locator(".sandbox-diagram .is-done[data-element='Task_Erfassen']")
    assert done.count() == 1
    choose(page, "Gilt der Hund als gefährlich?", "Ja")
    submit_step(page)
    assert page.get_by_text("Das passt nicht ganz zum Fall:").is_visible()
    assert page.get_by_text("erwartet war „Nein“").first.is_visible()
    assert current_step(page) == "Task_Erlaubnis"
    # The step's feedback has the focus (sandbox/steps.js swapped the page in).
    assert "Das passt nicht ganz zum Fall:" in page.evaluate(
        "document.activeElement.innerText"
    )
    screenshot(page, "sandbox-falscher-weg")
    page.get_by_role("button", name="Letzten Schritt wiederholen").click()
    assert current_step(page) == "Task_Gefahr"
    # From here on the steps never leave the page: this mark stays.
    page.evaluate("window.lotseSamePage = true")

    # Then the right one.
    choose(page, "Gilt der Hund als gefährlich?", "Nein")
    submit_step(page)
    assert page.get_by_text("Richtig – Ihre Eingaben passen zum Fall.").is_visible()
    assert current_step(page) == "Task_Uebergabe"
    page.get_by_label("Anzahl steuerpflichtiger Hunde").fill("1")
    choose(page, "Gefährlicher Hund (erhöhter Steuersatz)?", "Nein")
    submit_step(page)

    # Finanzen sees only what was handed over.
    assert current_step(page) == "Task_Bescheid"
    task = page.locator(".sandbox-task")
    text = task.inner_text()
    # German labels from the package's JSON Schema, amounts the German way.
    assert "Steuersatz für den ersten Hund" in text and "96,00 €" in text
    assert "Name der Halterin oder des Halters" in text
    assert "Steuer anzahl" not in text and "Halter name" not in text
    assert "Chipnummer" not in text
    page.get_by_label("Jahressteuer in Euro").fill("abc")
    submit_step(page)
    assert page.get_by_text("Bitte geben Sie eine Zahl ein.").is_visible()
    assert page.evaluate("document.activeElement.className") == "form-errors"
    page.get_by_label("Jahressteuer in Euro").fill("96")
    page.get_by_label("Zahlungsweise").select_option("jährlich")
    submit_step(page)

    result = page.locator("#ergebnis")
    assert "Bestanden: 100 von 100 Punkten" in result.inner_text()
    assert "Steuerbescheid versandt" in result.inner_text()
    assert page.locator(
        ".sandbox-diagram .is-done[data-element='End_Bescheid']"
    ).count()
    assert page.evaluate("[window.lotseSamePage, document.activeElement.id]") == [
        True,
        "ergebnis",
    ]
    screenshot(page, "sandbox-ergebnis")

    # One click practises the same case again, in the same mode.
    page.get_by_role("button", name="Diesen Fall noch einmal üben").click()
    page.get_by_role("heading", name="Anmeldung erfassen").wait_for()
    assert current_step(page) == "Task_Erfassen"
    assert page.locator(".sandbox-result").count() == 0


def test_without_javascript_a_step_posts_and_follows_the_redirect(browser, demo_site):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        login(page, demo_site, "employee")
        page.goto(f"{demo_site}/sandbox/prozess/hund_anmelden/?case=labrador")
        page.get_by_role("button", name="Durchlauf starten").click()
        page.get_by_label("Rasse des Hundes").fill("Labrador")
        page.get_by_label("Anzahl der Hunde im Haushalt (mit diesem)").fill("1")
        page.get_by_role("button", name="Schritt abschließen").click()
        page.wait_for_url(re.compile(r"/durchlauf/[0-9a-f-]+/#aufgabe$"))
        assert current_step(page) == "Task_Gefahr"
        assert page.get_by_text("Richtig – Ihre Eingaben passen zum Fall.").is_visible()
    finally:
        context.close()


def test_a_wrong_branch_ends_with_findings(page, demo_site):
    login(page, demo_site, "employee")
    page.goto(f"{demo_site}/sandbox/prozess/personalausweis/?case=erwachsen-normal")
    page.get_by_label("Prüfung").check()
    page.get_by_role("button", name="Durchlauf starten").click()
    assert page.locator(".sandbox-diagram .is-current").count() == 0  # exam: no marks
    assert page.get_by_role("button", name="Hinweis anzeigen").count() == 0
    choose(page, "Ist die Identität zweifelsfrei festgestellt?", "Ja")
    choose(page, "Ist das Foto biometrietauglich?", "Nein")
    submit_step(page)
    result = page.locator("#ergebnis").inner_text()
    assert "Noch nicht bestanden" in result
    assert "endete bei „Antrag abgelehnt“" in result
    assert "„Gebühr festsetzen“ wurde nicht erreicht" in result


def test_trainer_uploads_a_broken_package_and_sees_every_error(
    page, demo_site, tmp_path
):
    members = {
        p.name: p.read_bytes() for p in (DEMO_PACKAGES_DIR / "hund_anmelden").iterdir()
    }
    manifest = json.loads(members["sandbox.json"])
    manifest["tasks"].pop("Task_Bescheid")
    manifest["process_id"] = "hund_anmelden"
    members["sandbox.json"] = json.dumps(manifest).encode()
    members["notiz.txt"] = b"x"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    broken = tmp_path / "kaputt.zip"
    broken.write_bytes(buffer.getvalue())

    login(page, demo_site, "trainer")
    page.goto(f"{demo_site}/cms/")
    page.get_by_role("link", name="Übungsräume").first.click()
    page.get_by_label("Prozesspaket (ZIP-Datei)").set_input_files(str(broken))
    page.get_by_role("button", name="Paket prüfen und importieren").click()
    page.locator(".sandbox-error-list").wait_for()
    texts = page.locator(".sandbox-error-list li").all_inner_texts()
    assert any("Unerwartete Datei „notiz.txt“" in t for t in texts), texts
    assert any("(Task_Bescheid) hat kein Formular" in t for t in texts), texts
    assert page.get_by_text("Das Paket wurde nicht importiert").is_visible()
    screenshot(page, "sandbox-upload-fehler")


def test_the_run_page_fits_a_phone(phone_page, demo_site):
    page = phone_page
    login(page, demo_site, "employee")
    page.goto(f"{demo_site}/sandbox/prozess/bauantrag/?case=garage")
    page.get_by_role("button", name="Durchlauf starten").click()
    assert page.get_by_role("heading", name="Vollständigkeit prüfen").is_visible()
    assert_no_horizontal_scroll(page)
    screenshot(page, "sandbox-telefon")


def test_a_new_version_goes_live_only_after_the_lead_trainer_approves(
    browser, demo_site, tmp_path
):
    """Trainer uploads version 2; employees keep version 1 until the Schulungsleitung
    approves it in the CMS (with a confirmation)."""
    members = {
        p.name: p.read_bytes() for p in (DEMO_PACKAGES_DIR / "hund_anmelden").iterdir()
    }
    manifest = json.loads(members["sandbox.json"])
    manifest["tasks"]["Task_Erfassen"]["instructions"] = "Neu: Chipnummer zuerst."
    members["sandbox.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    version_2 = tmp_path / "hund-v2.zip"
    version_2.write_bytes(buffer.getvalue())

    def new_page(username):
        context = browser.new_context(
            locale="de-DE", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        login(page, demo_site, username)
        return page

    trainer = new_page("trainer")
    trainer.goto(f"{demo_site}/cms/uebungsraeume/")
    trainer.get_by_label("Prozesspaket (ZIP-Datei)").set_input_files(str(version_2))
    trainer.get_by_role("button", name="Paket prüfen und importieren").click()
    trainer.get_by_text(
        "wurde als Version 2 importiert und wartet auf die Freigabe"
    ).wait_for()
    assert trainer.get_by_role("link", name="Freigeben").count() == 0
    screenshot(trainer, "sandbox-wartet-auf-freigabe")
    # The trainer plays the draft before it is approved.
    trainer.goto(f"{demo_site}/sandbox/prozess/hund_anmelden/version/2/")
    trainer.get_by_text("Beschäftigte üben mit Version 1.").wait_for()
    trainer.get_by_label("Fall").select_option("labrador")
    trainer.get_by_role("button", name="Durchlauf starten").click()
    trainer.get_by_text("Neu: Chipnummer zuerst.").wait_for()
    assert trainer.get_by_text("Vorschau von Version 2").is_visible()
    screenshot(trainer, "sandbox-vorschau")

    employee = new_page("employee")
    employee.goto(f"{demo_site}/sandbox/prozess/hund_anmelden/")
    assert employee.get_by_text("Version 1 ·").is_visible()
    draft = employee.goto(f"{demo_site}/sandbox/prozess/hund_anmelden/version/2/")
    assert draft.status == 404

    lead = new_page(LEAD_TRAINER_USERNAME)
    lead.goto(f"{demo_site}/cms/")
    panel = lead.locator("#sandbox-awaiting-review-section")
    assert "Hund anmelden" in panel.inner_text()
    screenshot(lead, "sandbox-freigabe-dashboard")
    panel.get_by_role("link", name="Freigeben").click()
    lead.get_by_text("Wirklich freigeben?").wait_for()
    screenshot(lead, "sandbox-freigabe-bestaetigen")
    lead.get_by_role("button", name="Ja, freigeben").click()
    lead.get_by_text("Version 2 von „Hund anmelden“ ist freigegeben.").wait_for()
    screenshot(lead, "sandbox-freigegeben")

    employee.goto(f"{demo_site}/sandbox/prozess/hund_anmelden/")
    assert employee.get_by_text("Version 2 ·").is_visible()
    employee.get_by_label("Fall").select_option("labrador")
    employee.get_by_role("button", name="Durchlauf starten").click()
    employee.get_by_text("Neu: Chipnummer zuerst.").wait_for()
    for page in (trainer, employee, lead):
        page.context.close()
