"""The HTML pages: plain forms, POST/redirect/GET, German text, the exercise banner."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from sandbox.models import SandboxRun
from sandbox.run_page import RUN_PLACEHOLDER

pytestmark = pytest.mark.django_db

BANNER = "ÜBUNG – fiktive Daten"


@pytest.fixture
def browser(client, employee):
    client.force_login(employee)
    return client


def test_anonymous_people_are_sent_to_the_login(client, demo_packages):
    response = client.get(reverse("sandbox:process_list"))
    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


def test_the_process_list_shows_the_demo_processes_and_the_banner(
    browser, demo_packages
):
    page = browser.get(reverse("sandbox:process_list")).content.decode()
    assert BANNER in page
    for title in ("Hund anmelden", "Personalausweis beantragen", "Bauantrag prüfen"):
        assert title in page


def test_a_whole_run_in_the_browser_with_a_wrong_entry_first(browser, demo_packages):
    detail = reverse("sandbox:process_detail", kwargs={"process_id": "personalausweis"})
    page = browser.get(detail + "?case=jung-express").content.decode()
    assert BANNER in page and "<svg" in page
    assert re.search(r'<option value="jung-express" selected', page)

    response = browser.post(
        reverse("sandbox:run_start", kwargs={"process_id": "personalausweis"}),
        {"case": "jung-express", "mode": "practice"},
    )
    run = SandboxRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "sandbox:run_detail", kwargs={"run_id": run.pk}
    )

    page = browser.get(response["Location"]).content.decode()
    assert BANNER in page
    assert "Identität und Foto prüfen" in page
    assert "Kinderreisepass" in page  # the data this task may read
    assert 'class="bpmn-userTask is-current" data-element="Task_Identitaet"' in page
    task_id = re.search(r'name="task" value="([^"]+)"', page).group(1)
    submit = reverse("sandbox:run_submit", kwargs={"run_id": run.pk})

    # Nothing chosen: field errors, nothing changes.
    response = browser.post(submit, {"task": task_id}, follow=True)
    page = response.content.decode()
    assert "Bitte füllen Sie dieses Feld aus." in page
    assert "Es wurde nichts gespeichert" in page
    assert SandboxRun.objects.get().steps == []

    browser.post(
        submit,
        {
            "task": task_id,
            "field_identitaet_festgestellt": "true",
            "field_foto_geeignet": "true",
        },
    )
    page = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    page = page.content.decode()
    assert "Richtig – Ihre Eingaben passen zum Fall." in page
    assert "Gebühr festsetzen" in page
    task_id = re.search(r'name="task" value="([^"]+)"', page).group(1)

    # A wrong fee in practice mode: immediate feedback, then repeat the step.
    browser.post(
        submit, {"task": task_id, "field_gebuehr": "37,00", "field_express": "true"}
    )
    page = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    page = page.content.decode()
    assert "erwartet war „54,8“" in page
    browser.post(reverse("sandbox:run_repeat", kwargs={"run_id": run.pk}))
    page = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    task_id = re.search(r'name="task" value="([^"]+)"', page.content.decode()).group(1)
    browser.post(
        submit, {"task": task_id, "field_gebuehr": "54,80", "field_express": "true"}
    )
    page = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    task_id = re.search(r'name="task" value="([^"]+)"', page.content.decode()).group(1)
    browser.post(submit, {"task": task_id, "field_lieferung": "Bürgerbüro"})

    page = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    page = page.content.decode()
    assert "Bestanden: 100 von 100 Punkten" in page
    assert "Express-Ausweis bestellt" in page
    assert SandboxRun.objects.get().status == "finished"


def test_hint_button_shows_the_hint_and_exam_mode_has_none(browser, demo_packages):
    browser.post(
        reverse("sandbox:run_start", kwargs={"process_id": "personalausweis"}),
        {"case": "erwachsen-normal", "mode": "guided"},
    )
    run = SandboxRun.objects.get()
    page = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    task_id = re.search(r'name="task" value="([^"]+)"', page.content.decode()).group(1)
    response = browser.post(
        reverse("sandbox:run_hint", kwargs={"run_id": run.pk}),
        {"task": task_id},
        follow=True,
    )
    assert "biometrietauglich" in response.content.decode()

    browser.post(
        reverse("sandbox:run_start", kwargs={"process_id": "personalausweis"}),
        {"case": "erwachsen-normal", "mode": "exam"},
    )
    exam = SandboxRun.objects.get(mode="exam")
    page = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": exam.pk}))
    page = page.content.decode()
    assert "Hinweis anzeigen" not in page
    assert "is-current" not in page
    response = browser.post(
        reverse("sandbox:run_hint", kwargs={"run_id": exam.pk}), {"task": task_id}
    )
    assert response.status_code == 403


def test_reset_button(browser, demo_packages):
    browser.post(
        reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"}),
        {"case": "labrador", "mode": "guided", "lanes": ["Finanzen"]},
    )
    run = SandboxRun.objects.get()
    assert run.lanes == ["Finanzen"]
    url = reverse("sandbox:run_reset", kwargs={"run_id": run.pk})
    detail = browser.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    assert f'href="{url}"' in detail.content.decode()  # a link to the confirmation
    state_before = SandboxRun.objects.get().state
    confirm = browser.get(url).content.decode()
    assert "Durchlauf neu beginnen?" in confirm
    assert "Ja, von vorn beginnen" in confirm and "Abbrechen" in confirm
    assert SandboxRun.objects.get().state == state_before  # asking changes nothing
    response = browser.post(url, follow=True)
    assert "Der Durchlauf beginnt wieder am Anfang." in response.content.decode()


def test_someone_elses_run_page_is_404(client, colleague, employee, demo_packages):
    client.force_login(employee)
    client.post(
        reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"}),
        {"case": "labrador", "mode": "guided"},
    )
    run = SandboxRun.objects.get()
    client.force_login(colleague)
    assert (
        client.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk})).status_code
        == 404
    )
    assert (
        client.post(reverse("sandbox:run_reset", kwargs={"run_id": run.pk})).status_code
        == 404
    )


def test_wagtail_admin_upload_lists_every_error(client, trainer, employee):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.support.sandbox import make_zip, package_members

    client.force_login(employee)
    assert client.get(reverse("sandbox_admin:index")).status_code in (302, 403)

    trainer.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
    client.force_login(trainer)
    members = package_members("hund_anmelden")
    members.pop("sandbox.json")
    members["liesmich.txt"] = b"x"
    response = client.post(
        reverse("sandbox_admin:index"),
        {"file": SimpleUploadedFile("paket.zip", make_zip(members))},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Das Paket wurde nicht importiert: 2 Fehler." in page
    assert "Die Datei „sandbox.json“ fehlt im Paket." in page
    assert "Unerwartete Datei „liesmich.txt“" in page

    response = client.post(
        reverse("sandbox_admin:index"),
        {
            "file": SimpleUploadedFile(
                "paket.zip", make_zip(package_members("bauantrag"))
            )
        },
        follow=True,
    )
    page = response.content.decode()
    assert "als Version 1 importiert" in page
    assert "Stadtplanung beteiligen" in page  # the diagram
    assert "Gewerbehalle im Wohngebiet" in page  # the cases


def test_the_run_diagram_follows_the_run_without_reading_the_package_xml(
    browser, demo_packages
):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    start = reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"})
    first = browser.post(start, {"case": "labrador", "mode": "practice"})["Location"]
    second = browser.post(start, {"case": "labrador", "mode": "practice"})["Location"]
    page = browser.get(first).content.decode()
    current = re.search(r'is-current" data-element="([^"]+)"', page).group(1)

    # Another run in the same state: the drawing from the cache, no XML read.
    with CaptureQueriesContext(connections["default"]) as queries:
        again = browser.get(second).content.decode()
    assert f'is-current" data-element="{current}"' in again
    assert not [q for q in queries if '"bpmn"' in q["sql"]]

    # One step on, the diagram marks the next step and the first as done.
    task_id = re.search(r'name="task" value="([^"]+)"', again).group(1)
    run_id = second.rstrip("/").split("/")[-1]
    submit = reverse("sandbox:run_submit", kwargs={"run_id": run_id})
    browser.post(
        submit,
        {"task": task_id, "field_rasse": "Labrador", "field_anzahl_hunde": "1"},
    )
    later = browser.get(second).content.decode()
    assert "Es wurde nichts gespeichert" not in later
    assert f'is-done" data-element="{current}"' in later
    assert f'is-current" data-element="{current}"' not in later


def test_a_step_reads_its_run_once_locked_and_the_run_page_once(browser, demo_packages):
    """A step (the task form's POST and the run page it leads to) reads the run
    once per request: the POST locks only the run's row while checking and
    completing the task (bench/README.md, fourth round), and the package's
    content comes from the process (read by the run page before)."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    start = reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"})
    page_url = browser.post(start, {"case": "labrador", "mode": "practice"})["Location"]
    page = browser.get(page_url).content.decode()
    task_id = re.search(r'name="task" value="([^"]+)"', page).group(1)
    submit = reverse("sandbox:run_submit", kwargs={"run_id": page_url.split("/")[-2]})

    def run_queries(queries, verb):
        return [
            q["sql"]
            for q in queries
            if q["sql"].startswith(verb) and '"sandbox_sandboxrun"' in q["sql"]
        ]

    with CaptureQueriesContext(connections["default"]) as post:
        response = browser.post(
            submit,
            {"task": task_id, "field_rasse": "Labrador", "field_anzahl_hunde": "1"},
        )
    assert response.status_code == 302
    reads = run_queries(post, "SELECT")
    assert len(reads) == 1, reads
    assert reads[0].endswith("FOR UPDATE")  # the run's row only: no join
    assert '"sandbox_processpackage"' not in reads[0]
    assert len(run_queries(post, "UPDATE")) == 1
    assert not [q for q in post if '"bpmn"' in q["sql"]]

    with CaptureQueriesContext(connections["default"]) as get:
        page = browser.get(response["Location"]).content.decode()
    assert "Richtig – Ihre Eingaben passen zum Fall." in page
    assert len(run_queries(get, "SELECT")) == 1
    # The run (between the savepoint the view's transaction is in a test) and its
    # update; the page: the run and, the first time this state is drawn, the
    # package's XML. The account comes from the cache (lms/backends.py).
    assert not [q for q in [*post, *get] if '"sandbox_json"' in q["sql"]]
    assert len(post) == 4, [q["sql"][:80] for q in post]
    assert len(get) <= 2, [q["sql"][:80] for q in get]


def test_a_run_in_the_same_state_as_another_shows_its_own_ids_from_the_cache(
    browser, demo_packages
):
    """The run page's content is kept per state (sandbox/run_page.py): a second
    run at the same step gets it with its own run and task ids; a wrong entry
    (other feedback) is another state."""
    start = reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"})
    first = browser.post(start, {"case": "labrador", "mode": "practice"})["Location"]
    second = browser.post(start, {"case": "labrador", "mode": "practice"})["Location"]
    first_page = browser.get(first).content.decode()
    second_page = browser.get(second).content.decode()
    ids = [
        re.search(r'name="task" value="([^"]+)"', page).group(1)
        for page in (first_page, second_page)
    ]
    run_ids = [url.split("/")[-2] for url in (first, second)]
    assert ids[0] != ids[1]
    assert ids[1] in second_page and ids[0] not in second_page
    assert f"/durchlauf/{run_ids[1]}/absenden/" in second_page
    assert run_ids[0] not in second_page
    for placeholder in ("lotse-task-", "lotse-csrf-", RUN_PLACEHOLDER):
        assert placeholder not in second_page

    for url, task_id, breed in ((first, ids[0], "Labrador"), (second, ids[1], "Pudel")):
        submit = url + "absenden/"
        browser.post(
            submit, {"task": task_id, "field_rasse": breed, "field_anzahl_hunde": "1"}
        )
    assert (
        "Richtig – Ihre Eingaben passen zum Fall."
        in browser.get(first).content.decode()
    )
    wrong = browser.get(second).content.decode()
    assert "Das passt nicht ganz zum Fall:" in wrong
    assert "Richtig – Ihre Eingaben passen zum Fall." not in wrong


def test_the_run_pages_frame_is_kept_per_person_with_their_own_token_and_name(
    employee, demo_packages
):
    """The site's frame around the run page (common/page_frame.py) is rendered
    once per person and run: later steps get it from the cache with their own
    CSRF token (the forms post with CSRF checks on), a changed name shows at
    once, and a message waiting to be shown is never kept."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(employee)

    def token(html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def base_rendered(response) -> bool:
        return "base.html" in [t.name for t in response.templates]

    detail = reverse("sandbox:process_detail", kwargs={"process_id": "hund_anmelden"})
    start = reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"})
    form = {"case": "labrador", "mode": "practice"}
    form["csrfmiddlewaretoken"] = token(browser.get(detail).content.decode())
    page_url = browser.post(start, form)["Location"]
    assert base_rendered(browser.get(page_url))  # the frame: built, and kept
    kept = browser.get(page_url)
    assert not base_rendered(kept)
    page = kept.content.decode()
    assert "sandbox.beschaeftigte" in page and "Hund anmelden" in page
    assert "lotse-frame-" not in page

    submit = page_url + "absenden/"
    task_id = re.search(r'name="task" value="([^"]+)"', page).group(1)
    nothing = browser.post(
        submit, {"csrfmiddlewaretoken": token(page), "task": task_id}
    )
    assert nothing.status_code == 302  # the token of the kept frame is accepted
    rejected = browser.get(nothing["Location"])
    assert base_rendered(rejected)  # a message: rendered whole, never kept
    assert "Es wurde nichts gespeichert" in rejected.content.decode()

    employee.first_name, employee.last_name = "Zora", "Quendel"
    employee.save()
    page = browser.get(page_url).content.decode()
    assert "Zora Quendel" in page
    answer = {"field_rasse": "Labrador", "field_anzahl_hunde": "1"}
    done = browser.post(
        submit, {"csrfmiddlewaretoken": token(page), "task": task_id, **answer}
    )
    assert "Richtig – Ihre Eingaben passen zum Fall." in (
        browser.get(done["Location"]).content.decode()
    )

    # The next run of the case: its first page has the frame ready, with its
    # own address for the language switch to come back to.
    form["csrfmiddlewaretoken"] = token(page)
    next_run = browser.post(start, form)["Location"]
    assert next_run != page_url
    first_page = browser.get(next_run)
    assert not base_rendered(first_page)
    assert f'name="next" type="hidden" value="{next_run}"' in (
        first_page.content.decode()
    )


def test_the_process_pages_content_is_kept_for_everyone_with_each_ones_own_runs(
    employee, colleague, demo_packages
):
    """The description, diagram and start form are rendered once per version,
    language and chosen case (sandbox/process_page.py); each person gets their
    own runs and CSRF token put in, and starts a run from the kept form."""
    detail = reverse("sandbox:process_detail", kwargs={"process_id": "hund_anmelden"})
    start = reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"})

    def content_rendered(response) -> bool:
        return "sandbox/process_content.html" in [t.name for t in response.templates]

    first = Client(enforce_csrf_checks=True)
    first.force_login(employee)
    page = first.get(detail + "?case=labrador")
    assert content_rendered(page)
    form = {"case": "labrador", "mode": "exam"}
    form["csrfmiddlewaretoken"] = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()
    ).group(1)
    assert first.post(start, form).status_code == 302
    mine = first.get(detail + "?case=labrador")
    assert not content_rendered(mine)
    assert "Meine Durchläufe in diesem Prozess" in mine.content.decode()
    assert "Prüfung" in mine.content.decode().split('id="runs-heading"')[1]

    second = Client(enforce_csrf_checks=True)
    second.force_login(colleague)
    theirs = second.get(detail + "?case=labrador")
    assert not content_rendered(theirs)  # the same content, from the cache
    html = theirs.content.decode()
    assert re.search(r'<option value="labrador" selected', html)
    assert "Meine Durchläufe in diesem Prozess" not in html  # none of their own
    assert "placeholder" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = second.post(start, {**form, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert SandboxRun.objects.filter(user=colleague).count() == 1

    unknown = second.get(detail + "?case=gibt-es-nicht&mode=unsinn")
    assert unknown.status_code == 200
    assert "selected" not in unknown.content.decode().split('name="case"')[1][:400]


def test_starting_a_run_checks_its_values_once_in_python_not_again_in_queries(
    browser, demo_packages
):
    """The start's values are checked against the package (sandbox/services/runs.py);
    the model's constraints hold in the database, not in extra queries per start."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    start = reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"})
    with CaptureQueriesContext(connections["default"]) as queries:
        response = browser.post(start, {"case": "labrador", "mode": "practice"})
    assert response.status_code == 302
    sql = [q["sql"] for q in queries]
    assert not [q for q in sql if '"_check"' in q], sql
    assert len([q for q in sql if q.startswith("INSERT")]) == 1
    refused = browser.post(start, {"case": "labrador", "mode": "wettkampf"})
    assert refused.status_code == 400
    assert SandboxRun.objects.count() == 1


def test_the_process_page_asks_only_which_version_is_live(browser, demo_packages):
    """A package's content is read once per process (sandbox/selectors/packages.py);
    after that the process page and a start ask only which version is live."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    detail = reverse("sandbox:process_detail", kwargs={"process_id": "hund_anmelden"})
    start = reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"})
    assert "Labrador" in browser.get(detail).content.decode()
    browser.post(start, {"case": "labrador", "mode": "practice"})  # parses it
    with CaptureQueriesContext(connections["default"]) as queries:
        assert "Labrador" in browser.get(detail).content.decode()
        browser.post(start, {"case": "labrador", "mode": "practice"})
    package_reads = [q["sql"] for q in queries if "sandbox_processpackage" in q["sql"]]
    assert package_reads
    assert not [q for q in package_reads if '"sandbox_json"' in q or '"bpmn"' in q]


def test_a_run_page_masks_its_csrf_token_once_for_the_frame_and_the_content(
    browser, demo_packages
):
    """The kept parts of a page (frame, content) get the request's one token
    (common.page_frame.csrf_token): masking it costs 32 random choices each."""
    start = reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"})
    url = browser.post(start, {"case": "labrador", "mode": "practice"})["Location"]
    for _visit in range(2):  # rendered, then from the cache
        page = browser.get(url).content.decode()
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert len(tokens) >= 3  # language switch, log-out, the task's form
        assert len(set(tokens)) == 1
