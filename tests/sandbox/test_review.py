"""Sandbox packages go through review like courses: a trainer's new version waits for
the lead trainers' approval; until then employees play the live version."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from bench.support.sandbox_form import practice_again_form
from sandbox import selectors, services
from sandbox.models import ProcessPackage, RunAggregate, SandboxRun
from sandbox.signals import run_finished
from tests.support.sandbox import changed_package, make_zip, package_members, play

pytestmark = pytest.mark.django_db

BASE = "/api/v1/sandbox/"
NEW_TEXT = "Neu formuliert: Erfassen Sie die Anmeldung."
Status = ProcessPackage.Status


def upload(client, zipped: bytes):
    return client.post(
        f"{BASE}packages/",
        {"file": SimpleUploadedFile("paket.zip", zipped)},
        format="multipart",
    )


@pytest.fixture
def pending_v2(demo_packages, trainer_api):
    """Version 2 of "Hund anmelden", uploaded by a plain trainer."""
    response = upload(trainer_api, changed_package("hund_anmelden", NEW_TEXT))
    assert response.status_code == 201, response.json()
    return ProcessPackage.objects.get(pk=response.json()["id"])


def api_version(api, process_id="hund_anmelden"):
    processes = api.get(f"{BASE}processes/").json()["results"]
    return next(p["version"] for p in processes if p["process"] == process_id)


def first_instructions(run):
    return selectors.run_view(run=run)["ready_tasks"][0]["instructions"]


def expected_values(run):
    expected = run.package.case(run.case_id)["expected"]
    return lambda element: expected[element]


def test_a_trainers_new_version_answers_pending_review_and_employees_keep_v1(
    pending_v2, api, client, employee
):
    assert (pending_v2.version, pending_v2.status) == (2, Status.PENDING_REVIEW)
    assert api_version(api) == 1
    run = api.post(
        f"{BASE}runs/",
        {"process": "hund_anmelden", "case": "labrador", "mode": "practice"},
        format="json",
    ).json()
    assert (run["version"], run["preview"]) == (1, False)

    client.force_login(employee)
    page = client.get(
        reverse("sandbox:process_detail", kwargs={"process_id": "hund_anmelden"})
    ).content.decode()
    assert "Version 1 ·" in page and "Vorschau" not in page
    assert client.get(reverse("sandbox:process_list")).status_code == 200


def test_the_lead_trainer_approves_and_employees_get_v2(pending_v2, lead_api, api):
    response = lead_api.post(
        f"{BASE}packages/{pending_v2.pk}/approve/", {"comment": "Passt."}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "live"
    assert api_version(api) == 2
    assert ProcessPackage.objects.get(version=1, process_id="hund_anmelden").status == (
        Status.RETIRED
    )
    run = api.post(
        f"{BASE}runs/",
        {"process": "hund_anmelden", "case": "labrador", "mode": "practice"},
        format="json",
    ).json()
    assert run["version"] == 2
    approved = ProcessPackage.objects.get(pk=pending_v2.pk)
    assert approved.review_comment == "Passt." and approved.reviewed_at is not None


def test_a_run_started_on_v1_stays_on_v1_after_v2_goes_live(
    demo_packages, employee, trainer, lead
):
    old_run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    v2 = services.package_import(
        file=changed_package("hund_anmelden", NEW_TEXT), uploaded_by=trainer
    )
    services.package_approve(package=v2, reviewed_by=lead)

    old_run = SandboxRun.objects.get(pk=old_run.pk)
    assert old_run.version == 1 and first_instructions(old_run) != NEW_TEXT
    old_run = play(old_run, expected_values(old_run))
    assert (old_run.version, old_run.score, old_run.passed) == (1, 100, True)
    new_run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    assert new_run.version == 2 and first_instructions(new_run) == NEW_TEXT


def test_the_uploading_trainer_previews_and_plays_the_draft(
    pending_v2, client, trainer, django_capture_on_commit_callbacks
):
    preview = reverse(
        "sandbox:process_preview", kwargs={"process_id": "hund_anmelden", "version": 2}
    )
    client.force_login(trainer)
    page = client.get(preview).content.decode()
    assert "Vorschau" in page and "Beschäftigte üben mit Version 1." in page

    finished = []

    def receiver(sender, **kwargs):
        finished.append(kwargs)

    run_finished.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse(
                    "sandbox:run_start_preview",
                    kwargs={"process_id": "hund_anmelden", "version": 2},
                ),
                {"case": "labrador", "mode": "practice"},
            )
            run = SandboxRun.objects.get(user=trainer)
            assert response["Location"] == reverse(
                "sandbox:run_detail", kwargs={"run_id": run.pk}
            )
            assert (run.version, run.preview) == (2, True)
            assert first_instructions(run) == NEW_TEXT
            run = play(run, expected_values(run))
    finally:
        run_finished.disconnect(receiver)
    assert run.passed is True
    # A preview is no learner result: no signal, no pass, no statistics.
    assert finished == []
    assert not selectors.process_passed_by_user(
        user_id=trainer.pk, process_id="hund_anmelden"
    )
    page = client.get(reverse("sandbox:run_detail", kwargs={"run_id": run.pk}))
    assert "Vorschau von Version 2" in page.content.decode()
    # Practising again stays on the preview.
    action, data = practice_again_form(page.content.decode())
    again = SandboxRun.objects.get(
        pk=client.post(action, data)["Location"].split("/")[-2]
    )
    assert (again.version, again.preview, again.case_id) == (2, True, "labrador")
    services.runs_erase_for_user(user_id=trainer.pk)
    assert not RunAggregate.objects.exists()


def test_employees_and_other_trainers_get_404_for_the_draft(
    pending_v2, client, employee, django_user_model, api
):
    kwargs = {"process_id": "hund_anmelden", "version": 2}
    other = django_user_model.objects.create_user(username="andere.trainerin")
    for person in (employee, other):
        client.force_login(person)
        assert (
            client.get(reverse("sandbox:process_preview", kwargs=kwargs)).status_code
            == 404
        )
        response = client.post(
            reverse("sandbox:run_start_preview", kwargs=kwargs),
            {"case": "labrador", "mode": "practice"},
        )
        assert response.status_code == 404
    response = api.post(
        f"{BASE}runs/",
        {
            "process": "hund_anmelden",
            "case": "labrador",
            "mode": "practice",
            "version": 2,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "process": ["Diesen Übungsprozess gibt es nicht."]
    }
    assert not SandboxRun.objects.exists()


def test_the_lead_trainer_plays_a_draft_through_the_api(pending_v2, lead_api):
    response = lead_api.post(
        f"{BASE}runs/",
        {"process": "hund_anmelden", "case": "labrador", "mode": "exam", "version": 2},
        format="json",
    )
    assert response.status_code == 201
    assert (response.json()["version"], response.json()["preview"]) == (2, True)


def test_rejecting_keeps_v1_live(pending_v2, lead_api, api, trainer):
    response = lead_api.post(
        f"{BASE}packages/{pending_v2.pk}/reject/",
        {"comment": "Die Anleitung nennt die Frist nicht."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert api_version(api) == 2 - 1
    rejected = ProcessPackage.objects.get(pk=pending_v2.pk)
    assert rejected.review_comment == "Die Anleitung nennt die Frist nicht."
    # The uploader can still look at the rejected draft.
    assert selectors.package_playable_by(
        process_id="hund_anmelden", version=2, user=trainer
    )


def test_rejecting_needs_a_comment(pending_v2, lead_api):
    response = lead_api.post(
        f"{BASE}packages/{pending_v2.pk}/reject/", {"comment": "  "}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Die Version wurde nicht abgelehnt."
    assert body["errors"]["comment"] == [
        "Bitte begründen Sie die Ablehnung, damit das Schulungsteam weiß, was zu "
        "ändern ist."
    ]
    assert ProcessPackage.objects.get(pk=pending_v2.pk).awaits_review


def test_only_a_version_that_waits_can_be_approved(pending_v2, lead_api):
    live = ProcessPackage.objects.get(process_id="hund_anmelden", version=1)
    response = lead_api.post(f"{BASE}packages/{live.pk}/approve/")
    assert response.status_code == 400
    assert response.json()["detail"] == "Die Version wurde nicht freigegeben."
    assert (
        "wartet nicht auf Freigabe" in response.json()["errors"]["non_field_errors"][0]
    )
    assert lead_api.post(f"{BASE}packages/999999/approve/").status_code == 404


def test_trainers_and_employees_cannot_approve_or_reject(
    pending_v2, trainer_api, trainer, api
):
    for client in (trainer_api, api):
        for action in ("approve", "reject"):
            response = client.post(
                f"{BASE}packages/{pending_v2.pk}/{action}/", {"comment": "x"}
            )
            assert response.status_code == 403
            assert response.json()["detail"] == (
                "Sie dürfen keine Prozesspakete freigeben."
            )
    anonymous = APIClient().post(f"{BASE}packages/{pending_v2.pk}/approve/")
    assert anonymous.status_code == 401
    with pytest.raises(PermissionDenied):
        services.package_approve(package=pending_v2, reviewed_by=trainer)
    assert ProcessPackage.objects.get(pk=pending_v2.pk).awaits_review


def test_employees_cannot_upload(demo_packages, api):
    response = upload(api, changed_package("hund_anmelden", NEW_TEXT))
    assert response.status_code == 403
    assert response.json()["detail"] == "Sie dürfen keine Prozesspakete hochladen."
    assert ProcessPackage.objects.filter(version=2).count() == 0


def test_uploads_of_lead_trainers_and_administrators_go_live_directly(
    demo_packages, lead_api, django_user_model, api
):
    response = upload(lead_api, changed_package("hund_anmelden", NEW_TEXT))
    assert (response.status_code, response.json()["status"]) == (201, "live")
    assert api_version(api) == 2

    admin = django_user_model.objects.create_superuser(username="sandbox.admin")
    admin_api = APIClient()
    admin_api.force_authenticate(admin)
    response = upload(admin_api, changed_package("hund_anmelden", "Dritte Fassung."))
    assert (response.json()["version"], response.json()["status"]) == (3, "live")
    assert api_version(api) == 3


def test_a_trainers_brand_new_process_is_invisible_until_approved(
    trainer_api, lead, api, client, employee
):
    response = upload(trainer_api, make_zip(package_members("bauantrag")))
    assert response.json()["status"] == "pending_review"
    assert api.get(f"{BASE}processes/").json()["results"] == []
    # Course blocks naming the process find nothing playable yet.
    assert not selectors.process_exists("bauantrag")
    assert not selectors.case_exists("bauantrag", "garage")
    client.force_login(employee)
    detail = reverse("sandbox:process_detail", kwargs={"process_id": "bauantrag"})
    assert client.get(detail).status_code == 404

    services.package_approve(
        package=ProcessPackage.objects.get(process_id="bauantrag"), reviewed_by=lead
    )
    assert [p["process"] for p in api.get(f"{BASE}processes/").json()["results"]] == [
        "bauantrag"
    ]
    assert selectors.case_exists("bauantrag", "garage")
    assert client.get(detail).status_code == 200


def test_a_course_block_starts_the_live_version(pending_v2, client, employee):
    """The exercise card of a course posts to the process's start without a
    version: it plays the live one."""
    client.force_login(employee)
    client.post(
        reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"}),
        {"case": "labrador", "mode": "guided"},
    )
    assert SandboxRun.objects.get(user=employee).version == 1


def test_a_newer_upload_replaces_the_version_still_waiting(pending_v2, trainer):
    v3 = services.package_import(
        file=changed_package("hund_anmelden", "Dritte Fassung."), uploaded_by=trainer
    )
    statuses = dict(
        ProcessPackage.objects.filter(process_id="hund_anmelden").values_list(
            "version", "status"
        )
    )
    assert statuses == {1: "live", 2: "retired", 3: "pending_review"}
    assert [p.pk for p in selectors.packages_pending_review()] == [v3.pk]


def test_the_same_content_again_stores_nothing_unless_it_was_rejected(
    pending_v2, trainer, lead
):
    zipped = changed_package("hund_anmelden", NEW_TEXT)
    again = services.package_import(file=zipped, uploaded_by=trainer)
    assert (again.pk, again.is_new) == (pending_v2.pk, False)

    services.package_reject(package=pending_v2, reviewed_by=lead, comment="Nein.")
    resubmitted = services.package_import(file=zipped, uploaded_by=trainer)
    assert (resubmitted.version, resubmitted.status) == (3, Status.PENDING_REVIEW)


def test_review_refuses_a_second_decision(pending_v2, lead):
    services.package_reject(package=pending_v2, reviewed_by=lead, comment="Nein.")
    with pytest.raises(ValidationError):
        services.package_approve(package=pending_v2, reviewed_by=lead)
    assert ProcessPackage.objects.filter(status=Status.LIVE).count() == 3
