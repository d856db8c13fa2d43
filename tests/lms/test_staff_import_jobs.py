"""The import page: upload → job → progress → result, and the template file.

Uploads become a `StaffImportJob` run by a Celery task once committed. Most tests
run the task eagerly; one sends it through Redis to a real worker (CI sets
CELERY_BROKER_URL).
"""

import re
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from config.celery import app
from lms import roles, staff_csv
from lms.models import StaffImportJob, StaffProfile
from lms.services.staff_import import staff_import_job_run
from tests.support.factories import OrgUnitFactory

HEADER = "personalnummer;vorname;nachname;email;einheit;funktion;rollen\n"
GOOD = (
    HEADER
    + "P100;Anna;Amsel;anna.amsel@musterstadt.example;amt;Sachbearbeitung;\n"
    + "P101;Bernd;Buche;bernd.buche@musterstadt.example;amt;Teamleitung;Amtsleitung\n"
    + "P102;Clara;Cedernholz;clara@musterstadt.example;amt;;Schulungsteam\n"
)


@pytest.fixture
def importer(db, make_person):
    OrgUnitFactory(code="amt")
    return make_person(role_names={roles.TRAINING_ADMIN})


def _upload(client, data: str | bytes, *, dry_run=False, capture=None) -> str:
    """Post a file; returns the job page's URL (the task runs once committed).

    The on-commit callbacks that ran (the job's task, then a rule run if the
    import changed anyone) are left in `client.callbacks`.
    """
    raw = data.encode() if isinstance(data, str) else data
    form = {"file": SimpleUploadedFile("personal.csv", raw, content_type="text/csv")}
    if dry_run:
        form["dry_run"] = "on"
    with capture(execute=True) as callbacks:
        response = client.post("/organisation/import/", form)
    client.callbacks = callbacks
    assert response.status_code == 302
    assert re.fullmatch(r"/organisation/import/\d+/", response["Location"])
    return response["Location"]


def test_upload_runs_a_job_and_shows_the_result(
    client, importer, celery_eager, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    url = _upload(client, GOOD, capture=django_capture_on_commit_callbacks)
    html = client.get(url).content.decode()
    assert "Import gespeichert: 3 neu, 0 geändert, 0 unverändert." in html
    assert "staff-import-progress.js" not in html  # nothing left to refresh
    job = StaffImportJob.objects.get()
    assert (job.status, job.rows_total, job.rows_checked) == ("done", 3, 3)
    assert job.uploaded_by == importer and job.finished_at is not None
    assert bytes(job.data) == b""  # the file is not kept once imported
    assert StaffProfile.objects.count() == 4
    status = client.get(url + "status.json").json()
    assert status["finished"] and status["percent"] == 100


def test_dry_run_upload_saves_nothing_and_says_so(
    client, importer, celery_eager, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    url = _upload(
        client, GOOD, dry_run=True, capture=django_capture_on_commit_callbacks
    )
    html = client.get(url).content.decode()
    assert "Prüfung erfolgreich: 3 neu, 0 geändert, 0 unverändert." in html
    assert "Es wurde noch nichts gespeichert" in html
    assert StaffProfile.objects.count() == 1


def test_upload_page_lists_errors(
    client, importer, celery_eager, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    bad = HEADER + "P1;;B;x;amt;;\n"
    url = _upload(client, bad, capture=django_capture_on_commit_callbacks)
    html = client.get(url).content.decode()
    assert "Die Datei enthält 1 Fehler. Es wurde nichts gespeichert." in html
    assert "Zeile 2: Vorname fehlt; „x“ ist keine gültige E-Mail-Adresse." in html
    assert StaffImportJob.objects.get().status == StaffImportJob.FAILED


def test_reimport_through_the_page_changes_nothing(
    client, importer, celery_eager, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    capture = django_capture_on_commit_callbacks
    _upload(client, GOOD, capture=capture)
    # the job, the invitations, one rule run, renewing the people's cached state
    assert len(client.callbacks) == 4
    before = list(StaffProfile.objects.values_list("pk", "user__username"))
    url = _upload(client, GOOD, capture=capture)
    html = client.get(url).content.decode()
    assert "Import gespeichert: 0 neu, 0 geändert, 3 unverändert." in html
    assert list(StaffProfile.objects.values_list("pk", "user__username")) == before
    assert len(client.callbacks) == 1  # no rule run: the import changed nobody


def test_many_errors_are_capped_on_the_page(
    client, importer, celery_eager, django_capture_on_commit_callbacks
):
    client.force_login(importer)
    lines = "".join(f"P{n};;B;b{n}@musterstadt.example;amt;;\n" for n in range(510))
    url = _upload(client, HEADER + lines, capture=django_capture_on_commit_callbacks)
    html = client.get(url).content.decode()
    assert "Die Datei enthält 510 Fehler." in html
    assert html.count("<li>Zeile ") == 500
    assert "… und 10 weitere Fehler." in html


def test_running_job_shows_progress_without_inline_script(client, importer):
    job = StaffImportJob.objects.create(
        uploaded_by=importer,
        file_name="gross.csv",
        status=StaffImportJob.RUNNING,
        rows_total=50000,
        rows_checked=12000,
    )
    client.force_login(importer)
    html = client.get(f"/organisation/import/{job.pk}/").content.decode()
    assert (
        '<progress id="import-progress-bar" class="progress" max="100" value="24">'
        in html
    )
    assert "12.000 von 50.000 Zeilen geprüft" in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert '<script src="/static/lms/staff-import-progress.js" defer>' in scripts
    assert all(" src=" in tag for tag in scripts)  # the CSP forbids inline scripts
    assert f'data-status-url="/organisation/import/{job.pk}/status.json"' in html
    status = client.get(f"/organisation/import/{job.pk}/status.json").json()
    assert status == {
        "status": "running",
        "finished": False,
        "rows_checked": 12000,
        "rows_total": 50000,
        "percent": 24,
        "text": "12.000 von 50.000 Zeilen geprüft …",
    }
    job.rows_checked = 50000
    job.save()
    status = client.get(f"/organisation/import/{job.pk}/status.json").json()
    assert status["text"] == (
        "Alle 50.000 Zeilen sind geprüft; die Daten werden gespeichert …"
    )


def test_a_job_is_seen_only_by_its_uploader_and_administrators(
    client, importer, make_person
):
    job = StaffImportJob.objects.create(uploaded_by=importer, file_name="a.csv")
    urls = [
        f"/organisation/import/{job.pk}/",
        f"/organisation/import/{job.pk}/status.json",
    ]
    colleague = make_person(role_names={roles.TRAINING_ADMIN})
    admin = make_person(role_names={roles.ADMIN})
    for person, expected in [(colleague, 404), (admin, 200), (importer, 200)]:
        client.force_login(person)
        assert [client.get(url).status_code for url in urls] == [expected, expected]


def test_template_download_is_a_csv_for_excel_that_imports(client, importer):
    client.force_login(importer)
    page = client.get("/organisation/import/").content.decode()
    assert 'href="/organisation/import/vorlage.csv"' in page
    for column in staff_csv.REQUIRED_COLUMNS + staff_csv.OPTIONAL_COLUMNS:
        assert f"<code>{column}</code>" in page
    response = client.get("/organisation/import/vorlage.csv")
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == (
        'attachment; filename="beschaeftigte-vorlage.csv"'
    )
    content = response.content
    assert content.startswith("\ufeff".encode())  # Excel reads UTF-8 only with BOM
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "personalnummer;vorname;nachname;email;einheit;benutzername;funktion;rollen;"
        "ausgeschieden"
    )
    assert len(lines) == 2 and lines[1].startswith("P0001;Erika;Mustermann;")
    rows, problem = staff_csv.parse(content)
    assert problem is None and len(rows) == 1


def test_a_finished_job_runs_only_once(client, importer, celery_eager):
    job = StaffImportJob.objects.create(
        uploaded_by=importer, file_name="a.csv", data=GOOD.encode()
    )
    assert staff_import_job_run(job_id=job.pk) == "done"
    job.refresh_from_db()
    finished_at = job.finished_at
    assert staff_import_job_run(job_id=job.pk) == "done"
    job.refresh_from_db()
    assert (job.created, job.finished_at) == (3, finished_at)


def test_a_job_fails_if_its_uploader_may_no_longer_import(importer):
    job = StaffImportJob.objects.create(
        uploaded_by=importer, file_name="a.csv", data=GOOD.encode()
    )
    importer.groups.clear()
    assert staff_import_job_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.errors == ["Das hochladende Konto darf keine Beschäftigten importieren."]
    assert StaffProfile.objects.count() == 1


def test_command_line_reports_how_many_errors_it_left_out(importer, tmp_path, capsys):
    lines = "".join(f"P{n};;B;b{n}@musterstadt.example;amt;;\n" for n in range(503))
    path = tmp_path / "staff.csv"
    path.write_bytes((HEADER + lines).encode())
    with pytest.raises(CommandError, match="503 Fehler – es wurde nichts gespeichert"):
        call_command("import_staff", str(path))
    assert "… und 3 weitere Fehler." in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_job_flow_through_redis_and_a_real_worker(redis_broker, client, make_person):
    """Upload, watch the progress through the status URL, then see the result."""
    assert not app.conf.task_always_eager
    OrgUnitFactory(code="amt")
    client.force_login(make_person(role_names={roles.TRAINING_ADMIN}))
    app.control.purge()  # leftovers of other tests must not reach this worker
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        upload = SimpleUploadedFile("personal.csv", GOOD.encode())
        url = client.post("/organisation/import/", {"file": upload})["Location"]
        deadline = time.monotonic() + 30
        while not (status := client.get(url + "status.json").json())["finished"]:
            assert time.monotonic() < deadline, status
            time.sleep(0.2)
    assert status["status"] == "done" and status["percent"] == 100
    html = client.get(url).content.decode()
    assert "Import gespeichert: 3 neu, 0 geändert, 0 unverändert." in html
    assert StaffProfile.objects.count() == 4
