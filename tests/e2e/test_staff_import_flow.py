"""The staff import in a real browser: upload, progress kept up to date, result."""

from django.contrib.auth import get_user_model

from lms.models import StaffImportJob
from tests.support.access import ROLE_USERNAMES
from tests.support.browser import login, screenshot


def test_upload_shows_the_result_and_has_no_accessibility_violations(
    page, demo_site, tmp_path, celery_eager
):
    from axe_playwright_python.sync_playwright import Axe

    login(page, demo_site, "training_admin")
    page.goto(f"{demo_site}/organisation/import/")
    assert Axe().run(page).violations_count == 0
    path = tmp_path / "personal.csv"
    path.write_text(
        "personalnummer;vorname;nachname;email;einheit\n"
        "X0001;Jörg;Über;joerg.ueber@musterstadt.example;nirgendwo\n",
        encoding="utf-8",
    )
    page.get_by_label("CSV-Datei").set_input_files(str(path))
    page.get_by_role("button", name="Datei hochladen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Zeile 2: Einheit „nirgendwo“ gibt es nicht.").is_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    screenshot(page, "staff-import-errors")


def test_progress_is_kept_up_to_date_until_the_result(page, demo_site):
    """A job running in a worker: the page follows it without being reloaded."""
    uploader = get_user_model().objects.get(username=ROLE_USERNAMES["training_admin"])
    job = StaffImportJob.objects.create(
        uploaded_by=uploader,
        file_name="gross.csv",
        status=StaffImportJob.RUNNING,
        rows_total=50000,
        rows_checked=10000,
    )
    login(page, demo_site, "training_admin")
    page.goto(f"{demo_site}/organisation/import/{job.pk}/")
    bar = page.get_by_label("Fortschritt der Prüfung")
    assert bar.get_attribute("value") == "20"
    StaffImportJob.objects.filter(pk=job.pk).update(rows_checked=40000)
    page.get_by_text("40.000 von 50.000 Zeilen geprüft").wait_for()
    assert bar.evaluate("element => element.value") == 80
    screenshot(page, "staff-import-progress")
    StaffImportJob.objects.filter(pk=job.pk).update(
        status=StaffImportJob.DONE, rows_checked=50000, created=50000
    )
    page.get_by_text("Import gespeichert: 50000 neu").wait_for()
