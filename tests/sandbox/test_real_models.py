"""Real models from modelling tools become sandboxes (issue 15).

The fixtures in ``real_models/`` were written for these tests in the shape each
tool exports (Signavio metadata on every node, Bizagi extensions even on
annotations, Camunda listeners and JUEL, SpiffArena properties and nested lanes,
bpmn.io's message, timer, link and event-based constructs).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from sandbox import selectors, services
from sandbox.models import ProcessPackage
from tests.support.sandbox import make_zip

pytestmark = pytest.mark.django_db

MODELS = Path(__file__).parent / "real_models"


def members(tool: str) -> dict[str, bytes]:
    folder = MODELS / tool
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def changed(tool: str, change_json=None, bpmn=None) -> bytes:
    files = members(tool)
    if change_json:
        manifest = json.loads(files["sandbox.json"])
        change_json(manifest)
        files["sandbox.json"] = json.dumps(manifest, ensure_ascii=False).encode()
    if bpmn:
        old, new = bpmn
        assert old.encode() in files["process.bpmn"]
        files["process.bpmn"] = files["process.bpmn"].replace(
            old.encode(), new.encode()
        )
    return make_zip(files)


def import_errors(file: bytes) -> list[str]:
    with pytest.raises(ValidationError) as excinfo:
        services.package_import(file=file)
    assert not ProcessPackage.objects.exists()
    return excinfo.value.messages


@pytest.mark.parametrize(
    "tool, note",
    [
        ("signavio", "29 Zusatzangaben von Signavio wurden übernommen"),
        ("bizagi", "21 Zusatzangaben von Bizagi wurden übernommen"),
        ("camunda", "19 Zusatzangaben von Camunda wurden übernommen"),
        ("bpmnio", "3 Zusatzangaben von bpmn.io wurden übernommen"),
        ("spiffarena", "6 Zusatzangaben von SpiffArena wurden übernommen"),
    ],
)
def test_each_tools_export_imports_with_one_note_for_what_it_added(tool, note):
    package = services.package_import(file=make_zip(members(tool)))
    assert package.version == 1
    assert len(package.import_notes) == 1
    assert package.import_notes[0].startswith(note)
    assert package.import_notes[0].endswith("aber nicht ausgewertet.")


def test_the_upload_api_reports_the_note(trainer_api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("signavio.zip", make_zip(members("signavio")))
    response = trainer_api.post(
        "/api/v1/sandbox/packages/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 201, response.content
    assert response.json()["notes"] == [
        "29 Zusatzangaben von Signavio wurden übernommen, aber nicht ausgewertet."
    ]


def test_nested_lanes_play_in_their_innermost_lane():
    package = services.package_import(file=make_zip(members("spiffarena")))
    assert package.lanes == ["Ordnungsamt", "Veranlagung", "Stadtkasse"]
    definition = selectors.definition_of(package)
    assert definition.elements["Task_Steuer"].lane == "Veranlagung"
    assert definition.elements["End_Bescheid"].lane == "Stadtkasse"


def _start(api, process, case, mode="practice", **body):
    response = api.post(
        "/api/v1/sandbox/runs/",
        {"process": process, "case": case, "mode": mode, **body},
        format="json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def _submit(api, run, data):
    task = run["ready_tasks"][0]
    return api.post(
        f"/api/v1/sandbox/runs/{run['id']}/tasks/{task['id']}/submit/",
        {"data": data},
        format="json",
    )


def test_a_camunda_run_plays_people_asks_the_choice_and_simulates_the_rest(api):
    services.package_import(file=make_zip(members("camunda")))
    run = _start(api, "rechnung_camunda", "buerobedarf")
    task = run["ready_tasks"][0]
    # The business-rule task bound to Camunda's decision ran by itself, with the
    # case's data: the learner sees who was assigned.
    assert (task["element"], task["kind"]) == ("Task_Freigeben", "form")
    assert task["data"]["pruefer"] == "Fachamt Hochbau"
    assert run["steps"][0] == {
        "element": "Task_Zuordnen",
        "name": "Prüfer zuordnen",
        "kind": "automatic",
        "auto": True,
        "label": "Automatischer Schritt: Prüfer zuordnen",
    }
    response = _submit(api, run, {"freigegeben": True})
    assert response.status_code == 200, response.content
    run = response.json()
    choice = run["ready_tasks"][0]
    assert choice["kind"] == "choice"
    assert choice["element"] == "Gateway_Freigegeben"
    assert choice["name"] == "Freigegeben?"
    assert choice["options"] == [
        {"flow": "Flow_Ja", "label": "ja"},
        {"flow": "Flow_Nein", "label": "nein"},
    ]
    # A way that is not offered changes nothing.
    response = _submit(api, run, {"flow": "Flow_1"})
    assert response.status_code == 400
    assert "Bitte wählen Sie einen der angebotenen Wege." in str(
        response.json()["errors"]["flow"]
    )
    run = _submit(api, run, {"flow": "Flow_Ja"}).json()
    assert run["ready_tasks"][0]["element"] == "Task_Ueberweisung"
    run = _submit(api, run, {"betrag": 480}).json()
    assert run["status"] == "finished"
    assert run["end_event"] == "End_Bezahlt"
    assert run["score"] == 100
    labels = [step["label"] for step in run["steps"]]
    assert labels == [
        "Automatischer Schritt: Prüfer zuordnen",
        "Rechnung freigeben",
        "Freigegeben?",
        "Überweisung vorbereiten",
        "Automatischer Schritt: Rechnung archivieren",
    ]


def test_a_wrong_choice_gets_feedback_and_is_scored_and_explained(api):
    services.package_import(file=make_zip(members("signavio")))
    run = _start(api, "sperrmuell_signavio", "vollstaendig", mode="exam")
    task = run["ready_tasks"][0]
    assert (task["kind"], task["form"], task["options"]) == ("confirm", {}, [])
    run = _submit(api, run, {}).json()
    choice = run["ready_tasks"][0]
    assert choice["kind"] == "choice"
    assert [o["label"] for o in choice["options"]] == ["ja", "nein"]
    run = _submit(api, run, {"flow": "sid-f-nein"}).json()
    assert run["status"] == "finished"
    assert run["passed"] is False
    assert run["score"] < 80
    messages = [f["message"] for f in run["findings"]]
    assert (
        "An der Verzweigung „Antrag vollständig?“ wurde der Weg „nein“ gewählt; "
        "richtig war „ja“. Straße und Menge sind angegeben."
    ) in messages
    assert any("Der Durchlauf endete bei „Antrag abgelehnt“" in m for m in messages)


def test_a_wrong_choice_that_ends_elsewhere_is_scored_with_the_simulated_path(api):
    services.package_import(file=make_zip(members("camunda")))
    run = _start(api, "rechnung_camunda", "buerobedarf", mode="exam")
    run = _submit(api, run, {"freigegeben": True}).json()
    run = _submit(api, run, {"flow": "Flow_Nein"}).json()
    # "nein" leads to the simulated clarification ("geklaert" from the case)
    # and to the rejection; Lotse evaluates the Python conditions there.
    assert run["status"] == "finished"
    assert run["end_event"] == "End_Abgelehnt"
    assert any("richtig war „ja“" in f["message"] for f in run["findings"])
    assert "Automatischer Schritt: Rückfrage klären" in [
        s["label"] for s in run["steps"]
    ]


def test_practice_mode_repeats_a_wrong_choice_like_a_wrong_value(api):
    # A variant of the Bizagi model where "Nein" goes back to the check.
    services.package_import(
        file=changed(
            "bizagi",
            bpmn=(
                'sourceRef="Gateway_Wohnsitz" targetRef="End_Abgelehnt"',
                'sourceRef="Gateway_Wohnsitz" targetRef="Task_Pruefen"',
            ),
        )
    )
    run = _start(api, "parkausweis_bizagi", "in-der-zone")
    run = _submit(api, run, {}).json()  # "Wohnsitz prüfen": Erledigt
    run = _submit(api, run, {"flow": "Flow_Nein"}).json()
    assert run["status"] == "active"
    assert run["ready_tasks"][0]["element"] == "Task_Pruefen"
    assert run["findings"][0]["message"].startswith(
        "An der Verzweigung „Wohnsitz in der Zone?“ wurde der Weg „Nein“ gewählt"
    )
    response = api.post(f"/api/v1/sandbox/runs/{run['id']}/repeat/")
    assert response.status_code == 200, response.content
    run = response.json()
    assert run["ready_tasks"][0]["kind"] == "choice"
    assert run["findings"] == []
    run = _submit(api, run, {"flow": "Flow_Ja"}).json()
    run = _submit(api, run, {"kennzeichen": "MU-ST 99"}).json()
    assert (run["status"], run["score"]) == ("finished", 100)


def test_a_bpmnio_run_simulates_events_gateways_links_and_ends_at_an_error_end(api):
    services.package_import(file=make_zip(members("bpmnio")))
    run = _start(api, "fundsache_bpmnio", "regenschirm", mode="exam")
    run = _submit(api, run, {"gegenstand": "Regenschirm", "wert": 5}).json()
    assert run["status"] == "finished"
    assert run["end_event"] == "End_Verwertet"
    assert run["score"] == 100
    kinds = {step["element"]: step["kind"] for step in run["steps"]}
    for automatic in (
        "Task_Benachrichtigen",
        "Sub_Einlagern",
        "Event_Eingelagert",
        "Link_Wurf",
        "Link_Fang",
        "Gateway_Warten",
        "Event_Frist",
    ):
        assert kinds[automatic] == "automatic", automatic

    run = _start(api, "fundsache_bpmnio", "geldboerse")
    run = _submit(api, run, {"gegenstand": "Geldbörse", "wert": 20}).json()
    task = run["ready_tasks"][0]
    assert (task["element"], task["kind"]) == ("Task_Aushaendigen", "confirm")
    run = _submit(api, run, {}).json()
    assert (run["status"], run["end_event"], run["score"]) == (
        "finished",
        "End_Abgeholt",
        100,
    )
    assert "Automatischer Schritt: Quittung erhalten" in [
        s["label"] for s in run["steps"]
    ]


def test_a_spiffarena_run_with_nested_lanes_plays_one_team(api):
    services.package_import(file=make_zip(members("spiffarena")))
    run = _start(api, "hundesteuer_spiff", "zweiter-hund", lanes=["Veranlagung"])
    task = run["ready_tasks"][0]
    assert (task["element"], task["lane"]) == ("Task_Ermaessigung", "Veranlagung")
    assert task["kind"] == "confirm"
    run = _submit(api, run, {}).json()
    task = run["ready_tasks"][0]
    assert task["element"] == "Task_Steuer"
    assert task["data"] == {"anzahl_hunde": 2, "satz": 144}
    run = _submit(api, run, {"steuer": 144}).json()
    assert (run["status"], run["score"]) == ("finished", 100)


def test_a_choice_the_case_needs_but_lacks_names_case_and_gateway():
    errors = import_errors(changed("signavio", lambda j: j["cases"][0].pop("choices")))
    assert errors == [
        "Fall „vollstaendig“: An der Verzweigung „Antrag vollständig?“ "
        "(sid-gw-vollstaendig) wählt die übende Person den Weg, aber der Fall sagt "
        "nicht, welcher richtig ist. Ergänzen Sie im Fall „choices“ mit der ID eines "
        "ausgehenden Flusses."
    ]


def test_a_gateway_the_case_never_reaches_needs_no_choice():
    # The Camunda case never reaches "Geklärt?", whose Python conditions Lotse
    # evaluates; and "Freigegeben?" is the only choice it needs.
    package = services.package_import(file=make_zip(members("camunda")))
    assert package.case("buerobedarf")["choices"] == {"Gateway_Freigegeben": "Flow_Ja"}


def test_an_unknown_flow_in_choices_and_an_unknown_simulated_step_are_refused():
    def change(manifest):
        manifest["cases"][0]["choices"] = {"sid-gw-vollstaendig": "sid-f1"}
        manifest["cases"][0]["simulate"] = {"sid-task-pruefen": {"x": 1}}

    errors = import_errors(changed("signavio", change))
    assert any(
        "An der Verzweigung „Antrag vollständig?“ (sid-gw-vollstaendig) ist "
        "„sid-f1“ kein ausgehender Fluss. Möglich sind: sid-f-ja („ja“), "
        "sid-f-nein („nein“)." in e
        for e in errors
    )
    assert any(
        "simuliert „sid-task-pruefen“; das ist kein automatischer Schritt" in e
        for e in errors
    )


def test_an_expanded_subprocess_with_peoples_steps_is_refused_by_name():
    errors = import_errors(
        changed(
            "bpmnio",
            bpmn=(
                '<bpmn:serviceTask id="Sub_Etikett" name="Etikett drucken" />',
                '<bpmn:userTask id="Sub_Etikett" name="Etikett drucken" />',
            ),
        )
    )
    assert errors[0] == (
        "Der Teilprozess „Fundsache einlagern“ (Sub_Einlagern) enthält eigene "
        "Schritte von Personen; das kann der Übungsraum nicht nachspielen. Bitte "
        "ziehen Sie diese Schritte in den Hauptprozess."
    )


def test_a_process_without_any_played_step_is_refused():
    files = members("signavio")
    bpmn = files["process.bpmn"].decode()
    bpmn = bpmn.replace("<task ", "<serviceTask ").replace("</task>", "</serviceTask>")
    files["process.bpmn"] = bpmn.encode()
    errors = import_errors(make_zip(files))
    assert any(
        "Der Prozess hat keinen Schritt, den eine Person spielt" in e for e in errors
    )


def test_a_case_that_misses_its_end_is_still_refused():
    errors = import_errors(
        changed(
            "signavio",
            lambda j: j["cases"][0].update({"expected_end": "sid-end-abgelehnt"}),
        )
    )
    assert errors == [
        "Fall „vollstaendig“: Mit den erwarteten Werten endet der Prozess bei "
        "„Sperrmüll abgeholt“ (sid-end-abgeholt) statt bei „Antrag abgelehnt“ "
        "(sid-end-abgelehnt). Prüfen Sie die erwarteten Werte, die Wege in "
        "„choices“ und „expected_end“ des Falls."
    ]


def test_the_run_page_offers_erledigt_and_the_ways_as_buttons(client, employee):
    services.package_import(file=make_zip(members("signavio")))
    client.force_login(employee)
    response = client.post(
        "/sandbox/prozess/sperrmuell_signavio/starten/",
        {"case": "vollstaendig", "mode": "practice"},
    )
    assert response.status_code == 302, response.content
    run_url = response["Location"]
    page = client.get(run_url).content.decode()
    assert "Erledigt" in page
    from sandbox.models import SandboxRun

    run = SandboxRun.objects.get()
    task_id = selectors.run_view(run=run)["ready_tasks"][0]["id"]
    response = client.post(f"{run_url}absenden/", {"task": task_id})
    assert response.status_code == 302
    page = client.get(run_url).content.decode()
    assert "Wie geht es weiter?" in page
    assert 'value="sid-f-ja"' in page and ">ja<" in page
    run.refresh_from_db()
    task_id = selectors.run_view(run=run)["ready_tasks"][0]["id"]
    response = client.post(
        f"{run_url}absenden/", {"task": task_id, "flow": "sid-f-ja"}, follow=True
    )
    assert "Bitte prüfen" not in response.content.decode(), response.content.decode()
    assert "nicht an der Reihe" not in response.content.decode()
    run.refresh_from_db()
    task = selectors.run_view(run=run)["ready_tasks"][0]
    assert task["name"] == "Abholtermin vergeben"
    client.post(f"{run_url}absenden/", {"task": task["id"]})
    run.refresh_from_db()
    assert run.status == SandboxRun.Status.FINISHED
    assert run.end_event == "sid-end-abgeholt"
    page = client.get(run_url).content.decode()
    assert "Automatischer Schritt: Abholtag erreicht" in page


def test_a_colleagues_choice_is_made_as_the_case_says(api):
    # The trainee plays only the Buchhaltung; the Fachamt's gateway is decided
    # as the case says, and the run goes on to the Buchhaltung's next step.
    services.package_import(file=make_zip(members("camunda")))
    run = _start(api, "rechnung_camunda", "buerobedarf", lanes=["Buchhaltung"])
    task = run["ready_tasks"][0]
    assert task["element"] == "Task_Ueberweisung"
    kinds = [(s["element"], s["kind"], s["auto"]) for s in run["steps"]]
    assert ("Gateway_Freigegeben", "choice", True) in kinds
    run = _submit(api, run, {"betrag": 480}).json()
    assert (run["status"], run["score"]) == ("finished", 100)


def test_a_wrong_choice_on_the_run_page_shows_the_ways_again(client, employee):
    services.package_import(file=make_zip(members("bizagi")))
    client.force_login(employee)
    response = client.post(
        "/sandbox/prozess/parkausweis_bizagi/starten/",
        {"case": "in-der-zone", "mode": "practice"},
    )
    run_url = response["Location"]
    from sandbox.models import SandboxRun

    run = SandboxRun.objects.get()
    task_id = selectors.run_view(run=run)["ready_tasks"][0]["id"]
    client.post(f"{run_url}absenden/", {"task": task_id})
    run.refresh_from_db()
    task_id = selectors.run_view(run=run)["ready_tasks"][0]["id"]
    response = client.post(f"{run_url}absenden/", {"task": task_id}, follow=True)
    page = response.content.decode()
    assert "Bitte wählen Sie einen der angebotenen Wege." in page
    assert 'name="flow" value="Flow_Ja"' in page
    run.refresh_from_db()
    assert run.status == SandboxRun.Status.ACTIVE
