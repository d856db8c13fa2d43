import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from demo.sandboxes import DEMO_PACKAGES, DEMO_PACKAGES_DIR
from sandbox import selectors, services
from sandbox.models import ProcessPackage, RunAggregate, SandboxRun
from sandbox.signals import run_finished
from tests.support.sandbox import make_zip, package_members, play

pytestmark = pytest.mark.django_db


def expected_values(package, case_id):
    expected = package.case(case_id)["expected"]
    return lambda element: expected[element]


def shown_findings(run):
    """The run's findings as the run page and the API show them."""
    return selectors.run_view(run=run)["findings"]


def all_cases():
    for name in DEMO_PACKAGES:
        manifest = json.loads((DEMO_PACKAGES_DIR / name / "sandbox.json").read_text())
        for case in manifest["cases"]:
            yield name, case["id"]


@pytest.mark.parametrize("process_id, case_id", list(all_cases()))
def test_every_demo_case_played_as_expected_ends_at_its_end_with_full_marks(
    demo_packages, employee, process_id, case_id
):
    package = selectors.process_get(process_id)
    run = services.run_start(
        user=employee, process_id=process_id, case_id=case_id, mode="exam"
    )
    run = play(run, expected_values(package, case_id))
    assert run.status == "finished"
    assert run.end_event == package.case(case_id)["expected_end"]
    assert (run.score, run.passed, run.findings) == (100, True, [])


def test_every_end_event_of_each_demo_package_is_covered_by_a_case(demo_packages):
    for package in ProcessPackage.objects.all():
        definition = selectors.definition_of(package)
        ends = {e.id for e in definition.elements.values() if e.kind == "endEvent"}
        assert ends == {case["expected_end"] for case in package.cases}, (
            package.process_id
        )
        assert len(package.cases) >= 3


def test_lanes_not_played_are_completed_with_the_expected_values(
    demo_packages, employee
):
    run = services.run_start(
        user=employee,
        process_id="hund_anmelden",
        case_id="zweithund",
        mode="practice",
        lanes=["Finanzen"],
    )
    view = selectors.run_view(run=run)
    assert [t["element"] for t in view["ready_tasks"]] == ["Task_Bescheid"]
    assert [s["element"] for s in run.steps if s["auto"]] == [
        "Task_Erfassen",
        "Task_Gefahr",
        "Task_Uebergabe",
    ]
    # The decision table ran on what the Ordnungsamt handed over.
    data = view["ready_tasks"][0]["data"]
    assert (data["steuer_satz_erster"], data["steuer_satz_weitere"]) == (96, 144)
    run = services.run_submit_task(
        run=run,
        task_id=view["ready_tasks"][0]["id"],
        data={"jahresbetrag": 240, "faelligkeit": "vierteljährlich"},
    )
    assert (run.status, run.score, run.end_event) == ("finished", 100, "End_Bescheid")


def test_a_finanzen_task_sees_only_its_reads_and_none_of_the_ordnungsamt_file(
    demo_packages, employee
):
    run = services.run_start(
        user=employee,
        process_id="hund_anmelden",
        case_id="staffordshire",
        mode="guided",
        lanes=["Finanzen"],
    )
    task = selectors.run_view(run=run)["ready_tasks"][0]
    assert task["lane"] == "Finanzen"
    assert task["data"] == {
        "antrag": {
            "halter_name": "Jonas Beispiel",
            "anschrift": "Am Markt 3, 99999 Musterstadt",
            "zahlungswunsch": "jährlich",
        },
        "steuer_anzahl": 1,
        "steuer_satz_erster": 600,
        "steuer_satz_weitere": 600,
    }
    flat = json.dumps(task["data"])
    for private in (
        "chipnummer",
        "geburtsdatum",
        "vorfaelle",
        "sachkundenachweis",
        "fuehrungszeugnis",
        'gefaehrlich"',
        "rasse",
    ):
        assert private not in flat


def test_bauantrag_stadtplanung_never_sees_the_bauherr(demo_packages, employee):
    run = services.run_start(
        user=employee,
        process_id="bauantrag",
        case_id="garage",
        mode="guided",
        lanes=["Stadtplanung"],
    )
    task = selectors.run_view(run=run)["ready_tasks"][0]
    assert task["element"] == "Task_Stellungnahme"
    assert set(task["data"]) == {"vorhaben_art", "flurstueck", "antrag"}
    assert set(task["data"]["antrag"]) == {"bebauungsplan"}


def test_invalid_task_data_gets_field_errors_and_changes_nothing(
    demo_packages, employee
):
    run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    before = SandboxRun.objects.get(pk=run.pk)
    task = selectors.run_view(run=run)["ready_tasks"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.run_submit_task(
            run=run, task_id=task["id"], data={"anzahl_hunde": 0, "unbekannt": 1}
        )
    errors = excinfo.value.message_dict
    assert errors["rasse"] == ["Bitte füllen Sie dieses Feld aus."]
    assert errors["anzahl_hunde"] == ["Der Wert muss mindestens 1 sein."]
    assert errors["unbekannt"] == ["Dieses Feld gibt es im Formular nicht."]
    after = SandboxRun.objects.get(pk=run.pk)
    assert (after.state, after.steps, after.updated_at) == (
        before.state,
        before.steps,
        before.updated_at,
    )


def test_hints_are_free_in_guided_cost_points_in_practice_and_are_refused_in_exam(
    demo_packages, employee
):
    package = selectors.process_get("personalausweis")
    scores = {}
    for mode in ("guided", "practice"):
        run = services.run_start(
            user=employee,
            process_id="personalausweis",
            case_id="erwachsen-normal",
            mode=mode,
        )
        task = selectors.run_view(run=run)["ready_tasks"][0]
        hint = services.run_take_hint(run=run, task_id=task["id"])
        assert "biometrietauglich" in hint
        run = play(
            SandboxRun.objects.get(pk=run.pk),
            expected_values(package, "erwachsen-normal"),
        )
        scores[mode] = run.score
    assert scores == {"guided": 100, "practice": 90}
    practice_run = SandboxRun.objects.get(mode="practice")
    assert any("Hinweis genutzt" in f["message"] for f in shown_findings(practice_run))

    exam = services.run_start(
        user=employee,
        process_id="personalausweis",
        case_id="erwachsen-normal",
        mode="exam",
    )
    task = selectors.run_view(run=exam)["ready_tasks"][0]
    with pytest.raises(PermissionDenied):
        services.run_take_hint(run=exam, task_id=task["id"])


def test_reset_puts_the_run_back_at_the_start(demo_packages, employee):
    run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    first = selectors.run_view(run=run)["ready_tasks"][0]
    run = services.run_submit_task(
        run=run, task_id=first["id"], data={"rasse": "Labrador", "anzahl_hunde": 1}
    )
    assert selectors.run_view(run=run)["ready_tasks"][0]["element"] == "Task_Gefahr"
    run = services.run_reset(run=run)
    view = selectors.run_view(run=run)
    assert [t["element"] for t in view["ready_tasks"]] == ["Task_Erfassen"]
    assert run.steps == [] and run.findings == []
    assert view["done"] == {"Start_Anmeldung"}


def test_repeat_step_undoes_the_last_step_in_practice_mode(demo_packages, employee):
    run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    task = selectors.run_view(run=run)["ready_tasks"][0]
    run = services.run_submit_task(
        run=run, task_id=task["id"], data={"rasse": "Labrador", "anzahl_hunde": 1}
    )
    task = selectors.run_view(run=run)["ready_tasks"][0]
    run = services.run_submit_task(
        run=run, task_id=task["id"], data={"gefaehrlich": True}
    )
    assert run.feedback[0]["correct"] is False
    assert selectors.run_view(run=run)["ready_tasks"][0]["element"] == "Task_Erlaubnis"

    run = services.run_repeat_step(run=run)
    view = selectors.run_view(run=run)
    assert [t["element"] for t in view["ready_tasks"]] == ["Task_Gefahr"]
    assert run.findings == []
    run = services.run_submit_task(
        run=run, task_id=view["ready_tasks"][0]["id"], data={"gefaehrlich": False}
    )
    run = play(run, expected_values(selectors.process_get("hund_anmelden"), "labrador"))
    assert (run.score, run.passed) == (100, True)

    guided = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="guided"
    )
    with pytest.raises(ValidationError):
        services.run_repeat_step(run=guided)


def test_scoring_explains_a_wrong_branch_and_a_wrong_value(demo_packages, employee):
    values = {
        "Task_Erfassen": {"rasse": "Labrador", "anzahl_hunde": 1},
        "Task_Gefahr": {"gefaehrlich": True},
        "Task_Erlaubnis": {"erlaubnis_erteilt": False},
    }
    run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="exam"
    )
    run = play(run, values.__getitem__)
    assert run.end_event == "End_Abgelehnt"
    assert run.passed is False and run.score < 80
    messages = [f["message"] for f in shown_findings(run)]
    assert any(
        "Gefährlichkeit prüfen" in m
        and "„Ja“" in m
        and "erwartet war „Nein“" in m
        and "steht nicht auf der Liste" in m
        for m in messages
    ), messages
    assert any("endete bei „Haltung untersagt“" in m for m in messages)
    assert any("„Steuerbescheid erstellen“ wurde nicht erreicht" in m for m in messages)
    assert {f["element"] for f in run.findings} >= {"Task_Gefahr", "Task_Bescheid"}

    wrong_fee = dict(
        selectors.process_get("hund_anmelden").case("zweithund")["expected"],
        Task_Bescheid={"jahresbetrag": 120, "faelligkeit": "vierteljährlich"},
    )
    run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="zweithund", mode="exam"
    )
    run = play(run, wrong_fee.__getitem__)
    finding = next(f for f in shown_findings(run) if f["field"] == "jahresbetrag")
    assert finding["element"] == "Task_Bescheid"
    assert "„120“" in finding["message"] and "„240“" in finding["message"]
    assert "jeder weitere 144 Euro" in finding["message"]
    assert run.score == 89 and run.passed is True  # 8 of 9 units


def test_another_persons_run_is_not_found(demo_packages, employee, colleague):
    run = services.run_start(
        user=employee,
        process_id="personalausweis",
        case_id="jung-express",
        mode="guided",
    )
    assert selectors.run_get_for_user(run_id=run.pk, user=employee) == run
    with pytest.raises(Http404):
        selectors.run_get_for_user(run_id=run.pk, user=colleague)
    assert list(selectors.runs_for_user(user=colleague)) == []


def test_a_finished_run_tells_lms_through_the_signal_after_commit(
    demo_packages, employee, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    run_finished.connect(receiver)
    try:
        run = services.run_start(
            user=employee,
            process_id="personalausweis",
            case_id="foto-ungeeignet",
            mode="practice",
        )
        task = selectors.run_view(run=run)["ready_tasks"][0]
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            run = services.run_submit_task(
                run=run,
                task_id=task["id"],
                data={"identitaet_festgestellt": True, "foto_geeignet": False},
            )
            assert received == []  # not before the commit
        assert callbacks  # it waits for the commit
    finally:
        run_finished.disconnect(receiver)
    assert received == [
        {
            "signal": run_finished,
            "run_id": str(run.pk),
            "user_id": employee.pk,
            "process_id": "personalausweis",
            "version": 1,
            "case_id": "foto-ungeeignet",
            "mode": "practice",
            "passed": True,
            "score": 100,
        }
    ]
    assert selectors.process_passed_by_user(
        user_id=employee.pk, process_id="personalausweis"
    )


def test_runs_keep_their_version_when_a_new_one_is_imported(demo_packages, employee):
    old_run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    members = package_members("hund_anmelden")
    manifest = json.loads(members["sandbox.json"])
    manifest["tasks"]["Task_Erfassen"]["instructions"] = "Neu formuliert."
    members["sandbox.json"] = json.dumps(manifest).encode()
    assert services.package_import(file=make_zip(members)).version == 2
    new_run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    assert (old_run.version, new_run.version) == (1, 2)
    assert (
        selectors.run_view(run=old_run)["ready_tasks"][0]["instructions"]
        != "Neu formuliert."
    )
    old_run = play(old_run, expected_values(old_run.package, "labrador"))
    assert old_run.score == 100


def test_start_rejects_unknown_case_mode_and_lane(demo_packages, employee):
    with pytest.raises(ValidationError) as excinfo:
        services.run_start(
            user=employee,
            process_id="hund_anmelden",
            case_id="katze",
            mode="spiel",
            lanes=["Zoo"],
        )
    assert set(excinfo.value.message_dict) == {"case", "mode", "lanes"}
    with pytest.raises(ValidationError):
        services.run_start(
            user=employee, process_id="gibtsnicht", case_id="x", mode="exam"
        )


def test_expired_runs_are_deleted_and_finished_scores_kept_as_aggregates(
    demo_packages, employee, settings
):
    settings.SANDBOX_RUN_RETENTION_DAYS = 90
    package = selectors.process_get("personalausweis")
    finished = play(
        services.run_start(
            user=employee,
            process_id="personalausweis",
            case_id="foto-ungeeignet",
            mode="exam",
        ),
        expected_values(package, "foto-ungeeignet"),
    )
    services.run_start(
        user=employee,
        process_id="personalausweis",
        case_id="jung-express",
        mode="guided",
    )
    fresh = services.run_start(
        user=employee,
        process_id="personalausweis",
        case_id="jung-express",
        mode="guided",
    )
    old = timezone.now() - timedelta(days=91)
    SandboxRun.objects.exclude(pk=fresh.pk).update(updated_at=old)

    from sandbox.tasks import delete_expired_runs

    assert delete_expired_runs() == 2
    assert list(SandboxRun.objects.all()) == [fresh]
    aggregate = RunAggregate.objects.get()
    assert (aggregate.finished_runs, aggregate.passed_runs, aggregate.score_total) == (
        1,
        1,
        finished.score,
    )
    assert delete_expired_runs() == 0  # idempotent


def test_the_learning_core_listens_to_finished_runs(
    demo_packages, employee, django_capture_on_commit_callbacks
):
    live = run_finished._live_receivers(SandboxRun)
    sync_receivers = live[0] if isinstance(live, tuple) else live
    modules = {receiver.__module__ for receiver in sync_receivers}
    assert "lms.signals" in modules
    run = services.run_start(
        user=employee,
        process_id="personalausweis",
        case_id="foto-ungeeignet",
        mode="exam",
    )
    task = selectors.run_view(run=run)["ready_tasks"][0]
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_submit_task(
            run=run,
            task_id=task["id"],
            data={"identitaet_festgestellt": True, "foto_geeignet": False},
        )
    assert run.passed is True


def test_a_person_can_export_and_erase_their_runs(demo_packages, employee, colleague):
    package = selectors.process_get("personalausweis")
    play(
        services.run_start(
            user=employee,
            process_id="personalausweis",
            case_id="foto-ungeeignet",
            mode="practice",
        ),
        expected_values(package, "foto-ungeeignet"),
    )
    services.run_start(
        user=colleague,
        process_id="personalausweis",
        case_id="jung-express",
        mode="exam",
    )
    exported = selectors.runs_export_for_user(user_id=employee.pk)
    assert [(r["case"], r["status"], r["score"]) for r in exported] == [
        ("foto-ungeeignet", "finished", 100)
    ]
    assert exported[0]["steps"][0]["data"] == {
        "identitaet_festgestellt": True,
        "foto_geeignet": False,
    }
    assert services.runs_erase_for_user(user_id=employee.pk) == 1
    assert not SandboxRun.objects.filter(user=employee).exists()
    assert SandboxRun.objects.filter(user=colleague).count() == 1
    assert RunAggregate.objects.get().finished_runs == 1
