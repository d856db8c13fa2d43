"""Leavers and erasure (DESIGN §7.6): a leaver cannot sign in, their open mandatory
training is withdrawn, their certificates stay verifiable; an erased person leaves
no trace of name, e-mail or username anywhere in the database, while the
department's aggregates stay the same. Movers keep their records."""

import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.admin.models import CHANGE, LogEntry
from django.db.models import Avg, Count, Q
from django.test import Client
from rest_framework.authtoken.models import Token

from lms import roles
from lms.models import (
    AssignmentRule,
    CalendarFeed,
    Certificate,
    DirectoryAccount,
    Enrolment,
    ErasureRecord,
    Exemption,
    LearningEvent,
    Notification,
    QuizAttempt,
    StaffImportJob,
)
from lms.selectors.compliance import compliance_rows, compliance_summary
from lms.services.erasure import person_erase, persons_erase_expired
from lms.services.leavers import person_mark_left
from lms.services.reminders import reminders_send_due
from lms.services.rules import rules_apply
from tests.support.erasure import (
    records_in_other_apps,
    rows_mentioning,
    tables_without_rows_of,
)
from tests.support.factories import OrgUnitFactory
from tests.support.learning import sandbox_pass

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
FIRST, LAST = "Wiebke", "Zaunkönig"
USERNAME, EMAIL = "wiebke.zaunkoenig", "wiebke.zaunkoenig@musterstadt.example"


@pytest.fixture
def office(catalogue, make_person, django_capture_on_commit_callbacks):
    """A unit of six with the data-protection course mandatory; Wiebke has records
    in every table."""
    from demo.sandboxes import seed

    seed()
    roles.sync_groups()
    unit = OrgUnitFactory(code="standesamt", name="Standesamt")
    head = make_person(unit=unit, heads=[unit], first_name="Hanna", last_name="Haupt")
    admin = make_person(role_names={roles.ADMIN}, username="it.admin")
    colleagues = [make_person(unit=unit) for _ in range(4)]
    wiebke = make_person(
        unit=unit,
        username=USERNAME,
        email=EMAIL,
        first_name=FIRST,
        last_name=LAST,
    )
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id, due_days=14)
    AssignmentRule.objects.create(course_id=catalogue.hund.id, due_days=3)
    rules_apply(now=NOW - dt.timedelta(days=30))
    for person in [wiebke, *colleagues[:2]]:
        catalogue.complete_datenschutz(person, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        sandbox_pass(wiebke, "hund_anmelden", "labrador")
        sandbox_pass(colleagues[0], "hund_anmelden", "labrador")
    reminders_send_due(now=NOW + dt.timedelta(days=10))  # overdue: texts with names
    Exemption.objects.create(
        user=wiebke,
        course_id=catalogue.optional.id,
        reason=f"{FIRST} {LAST} wurde extern geschult",
    )
    Token.objects.create(user=wiebke)
    DirectoryAccount.objects.create(user=wiebke, source="ldap", subject=USERNAME)
    AccessAttempt.objects.create(
        username=USERNAME, ip_address="10.0.0.1", user_agent="x", failures_since_start=1
    )
    AccessLog.objects.create(username=USERNAME, ip_address="10.0.0.1", user_agent="x")
    LogEntry.objects.log_actions(
        user_id=admin.pk,
        queryset=[wiebke.staff],
        action_flag=CHANGE,
        change_message=f"E-Mail von {FIRST} {LAST} auf {EMAIL} geändert",
        single_object=True,
    )
    StaffImportJob.objects.create(
        file_name="personal.csv",
        status="failed",
        errors=[f"Zeile 3: „{EMAIL}“ gibt es zweimal."],
        data=f"personalnummer;vorname;nachname;email\n1;{FIRST};{LAST};{EMAIL}\n".encode(),
    )
    return {"unit": unit, "head": head, "admin": admin, "wiebke": wiebke}


def _department_figures(unit, catalogue) -> dict:
    """What a department view counts: compliance per course, completions, mean quiz
    score, finished sandbox runs (still stored plus already aggregated), readiness
    sums."""
    from analytics.models import ReadinessAggregate
    from sandbox.models import RunAggregate, SandboxRun

    in_unit = Q(user__staff__org_unit=unit)
    runs = SandboxRun.objects.filter(in_unit, status="finished").count()
    aggregated = sum(
        RunAggregate.objects.filter(process_id="hund_anmelden").values_list(
            "finished_runs", flat=True
        )
    )
    return {
        "enrolments": Enrolment.objects.filter(in_unit).count(),
        "completed": Enrolment.objects.filter(
            in_unit, completed_at__isnull=False
        ).count(),
        "certificates": Certificate.objects.filter(in_unit).count(),
        "quiz": QuizAttempt.objects.filter(
            enrolment__user__staff__org_unit=unit
        ).aggregate(n=Count("id"), mean=Avg("score")),
        "events": LearningEvent.objects.filter(actor__staff__org_unit=unit).count(),
        "sandbox_runs": runs + aggregated,
        "compliance": compliance_summary(
            course_id=catalogue.datenschutz.id, unit_ids={unit.pk}
        ),
        "readiness": list(
            ReadinessAggregate.objects.filter(org_unit=unit)
            .order_by("pk")
            .values_list("n", "ready", "readiness_sum")
        ),
    }


def test_erasure_leaves_no_name_mail_or_username_and_keeps_aggregates(
    postgres, office, catalogue, django_capture_on_commit_callbacks
):
    wiebke, unit = office["wiebke"], office["unit"]
    certificate = Certificate.objects.get(user=wiebke)
    records_in_other_apps(wiebke, unit)
    # She has a row in every table of Lotse that links to a person.
    assert tables_without_rows_of(wiebke) == []
    with django_capture_on_commit_callbacks(execute=True):
        person_mark_left(user=wiebke, left_on=dt.date(2026, 3, 31))
    # The search finds her everywhere before: the search itself works.
    before_rows = rows_mentioning(USERNAME, EMAIL, LAST)
    for table in (
        "auth_user",
        "lms_certificate",
        "lms_notification",
        "axes_accessattempt",
        "django_admin_log",
        "lms_staffimportjob",
        "analytics_accesslog",
    ):
        assert any(row.startswith(f"{table}.") for row in before_rows), table
    before = _department_figures(unit, catalogue)
    assert before["readiness"]  # the unit has readiness sums to keep

    with django_capture_on_commit_callbacks(execute=True):
        record = person_erase(user=wiebke, actor=office["admin"])

    assert rows_mentioning(USERNAME, EMAIL, LAST, FIRST) == []
    assert _department_figures(unit, catalogue) == before
    wiebke.refresh_from_db()
    assert wiebke.username == record.pseudonym and wiebke.email == ""
    assert wiebke.staff.personnel_number == record.pseudonym
    assert wiebke.staff.org_unit == unit  # still counts for her department
    assert not wiebke.sandbox_runs.exists()
    assert not CalendarFeed.objects.filter(user=wiebke).exists()
    assert LearningEvent.objects.filter(actor=wiebke).exists()  # keyed to pseudonym
    assert record.performed_by == office["admin"]
    assert record.reason == ErasureRecord.REASON_REQUEST
    assert not Notification.objects.filter(
        Q(recipient=wiebke) | Q(enrolment__user=wiebke)
    ).exists()
    # The public check no longer confirms anything about her.
    page = Client().get(f"/verify/{certificate.code}/").content.decode()
    unknown = Client().get("/verify/NIE-AUSGESTELLT/").content.decode()
    assert "Zertifikat nicht bekannt" in page and "Zertifikat nicht bekannt" in unknown
    assert "Zertifikat gültig" not in page and catalogue.datenschutz.title not in page
    with pytest.raises(Exception, match="bereits gelöscht"):
        person_erase(user=wiebke, actor=office["admin"])


def test_leaver_cannot_sign_in_loses_open_duties_and_keeps_certificates(
    office, catalogue, django_capture_on_commit_callbacks
):
    wiebke = office["wiebke"]
    certificate = Certificate.objects.get(user=wiebke)
    open_duty = Enrolment.objects.get(user=wiebke, course_id=catalogue.hund.id)
    assert open_duty.is_mandatory and open_duty.completed_at is None
    client = Client()
    assert (
        client.post(
            "/konto/anmelden/", {"username": USERNAME, "password": "geheim-123"}
        ).status_code
        == 302
    )

    with django_capture_on_commit_callbacks(execute=True):
        person_mark_left(user=wiebke, left_on=dt.date(2026, 3, 31))

    response = Client().post(
        "/konto/anmelden/", {"username": USERNAME, "password": "geheim-123"}
    )
    assert response.status_code == 200
    assert client.get("/").status_code == 302  # the running session ends too
    open_duty.refresh_from_db()
    assert open_duty.withdrawn_at is not None
    assert not Token.objects.filter(user=wiebke).exists()
    page = Client().get(f"/verify/{certificate.code}/").content.decode()
    assert "Zertifikat gültig" in page and f"{FIRST} {LAST}" in page
    head_rows = compliance_rows(
        course_id=catalogue.hund.id, unit_ids={office["unit"].pk}
    )
    assert wiebke.pk not in {row.user_id for row in head_rows}


def test_retention_task_erases_leavers_after_the_period_only(
    office, settings, django_capture_on_commit_callbacks
):
    from lms.tasks import persons_erase_expired as task

    settings.LOTSE_LEAVER_RETENTION_DAYS = 183
    wiebke = office["wiebke"]
    with django_capture_on_commit_callbacks(execute=True):
        person_mark_left(user=wiebke, left_on=dt.date(2026, 1, 10))
    assert persons_erase_expired(today=dt.date(2026, 7, 1)) == 0  # 172 days
    wiebke.refresh_from_db()
    assert wiebke.username == USERNAME
    assert persons_erase_expired(today=dt.date(2026, 7, 12)) == 1  # 183 days
    wiebke.refresh_from_db()
    assert wiebke.username.startswith("geloescht-")
    record = ErasureRecord.objects.get()
    assert record.performed_by is None
    assert record.reason == ErasureRecord.REASON_RETENTION
    assert task.delay().get() == 0  # idempotent


def test_mover_keeps_records_and_gets_the_new_head(
    office, catalogue, make_person, django_capture_on_commit_callbacks
):
    from lms.services.staff import staff_member_update

    wiebke, old_unit = office["wiebke"], office["unit"]
    new_unit = OrgUnitFactory(code="buergerbuero", name="Bürgerbüro")
    new_head = make_person(unit=new_unit, heads=[new_unit])
    trainer = make_person(role_names={roles.TRAINING_ADMIN})
    records = {
        "enrolments": set(Enrolment.objects.filter(user=wiebke).values_list("pk")),
        "certificates": set(Certificate.objects.filter(user=wiebke).values_list("pk")),
        "quiz": QuizAttempt.objects.filter(enrolment__user=wiebke).count(),
        "runs": wiebke.sandbox_runs.count(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        staff_member_update(
            actor=trainer,
            profile=wiebke.staff,
            first_name=FIRST,
            last_name=LAST,
            email=EMAIL,
            org_unit=new_unit,
            job_title="Sachbearbeitung",
            role_names=set(),
        )
    assert records == {
        "enrolments": set(Enrolment.objects.filter(user=wiebke).values_list("pk")),
        "certificates": set(Certificate.objects.filter(user=wiebke).values_list("pk")),
        "quiz": QuizAttempt.objects.filter(enrolment__user=wiebke).count(),
        "runs": wiebke.sandbox_runs.count(),
    }
    course = catalogue.datenschutz.id

    def sees(head) -> bool:
        from lms.selectors.compliance import compliance_unit_scope

        rows = compliance_rows(course_id=course, unit_ids=compliance_unit_scope(head))
        return wiebke.pk in {row.user_id for row in rows}

    assert sees(new_head) and not sees(office["head"])
    assert old_unit.pk != new_unit.pk


def test_training_admin_marks_a_leaver_on_the_staff_page(
    office, make_person, django_capture_on_commit_callbacks
):
    wiebke = office["wiebke"]
    client = Client()
    client.force_login(make_person(role_names={roles.TRAINING_ADMIN}))
    page = client.get(f"/organisation/beschaeftigte/{wiebke.pk}/").content.decode()
    assert "Ausscheiden vermerken" in page
    assert "Person löschen" not in page  # erasing is for administrators
    response = client.post(
        f"/organisation/beschaeftigte/{wiebke.pk}/ausgeschieden/", {"left_on": "x"}
    )
    assert "Bitte geben Sie ein gültiges Datum an." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/organisation/beschaeftigte/{wiebke.pk}/ausgeschieden/",
            {"left_on": "2026-03-31"},
        )
    assert response.status_code == 302
    wiebke.refresh_from_db()
    assert wiebke.staff.left_on == dt.date(2026, 3, 31) and not wiebke.is_active
    # Erasing is for administrators only.
    assert (
        client.get(f"/organisation/beschaeftigte/{wiebke.pk}/loeschen/").status_code
        == 403
    )


def test_administrator_confirms_the_erasure_on_a_page_that_says_what_goes(
    office, django_capture_on_commit_callbacks
):
    wiebke = office["wiebke"]
    client = Client()
    client.force_login(office["admin"])
    url = f"/organisation/beschaeftigte/{wiebke.pk}/loeschen/"
    staff_page = client.get(f"/organisation/beschaeftigte/{wiebke.pk}/")
    assert f'href="{url}"' in staff_page.content.decode()
    page = client.get(url).content.decode()
    assert "Was entfernt wird" in page and "Übungsdurchläufe" in page
    assert f"{FIRST} {LAST}" in page
    assert wiebke.sandbox_runs.exists()  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    wiebke.refresh_from_db()
    assert wiebke.staff.erased_at is not None
    record = ErasureRecord.objects.get()
    assert record.performed_by == office["admin"]
    assert "Zaunk" not in str(record.__dict__)
    # Administrators read the log: who and when, not whom by name; nobody edits it.
    log = client.get("/admin/lms/erasurerecord/").content.decode()
    assert "it.admin" in log and record.pseudonym in log
    assert LAST not in log and FIRST not in log
    assert client.get("/admin/lms/erasurerecord/add/").status_code == 403
    assert (
        client.post(f"/admin/lms/erasurerecord/{record.pk}/delete/").status_code == 403
    )
    page = client.get(url).content.decode()
    assert "bereits gelöscht" in page
    # An administrator account is never erased.
    other_admin = office["admin"].pk
    response = client.post(f"/organisation/beschaeftigte/{other_admin}/loeschen/")
    assert "Konten der Administration werden nicht gelöscht" in (
        response.content.decode()
    )


def test_staff_import_marks_leavers(
    office, catalogue, django_capture_on_commit_callbacks
):
    from lms.services.staff_import import staff_import

    wiebke = office["wiebke"]
    number = wiebke.staff.personnel_number
    header = "personalnummer;vorname;nachname;email;einheit;funktion;ausgeschieden\n"
    line = f"{number};{FIRST};{LAST};{EMAIL};standesamt;Sachbearbeitung;"
    bad = staff_import(data=(header + line + "31.02.2026\n").encode())
    assert bad.errors == [
        "Zeile 2: Ausgeschieden „31.02.2026“ ist kein Datum (TT.MM.JJJJ)."
    ]
    # An empty cell changes nothing.
    assert staff_import(data=(header + line + "\n").encode()).unchanged == 1
    with django_capture_on_commit_callbacks(execute=True):
        result = staff_import(data=(header + line + "31.03.2026\n").encode())
    assert result.ok and result.updated == 1
    wiebke.refresh_from_db()
    assert wiebke.staff.left_on == dt.date(2026, 3, 31) and not wiebke.is_active
    assert not Token.objects.filter(user=wiebke).exists()
    duty = Enrolment.objects.get(user=wiebke, course_id=catalogue.hund.id)
    assert duty.withdrawn_at is not None
    assert staff_import(data=(header + line + "31.03.2026\n").encode()).unchanged == 1


def test_a_leaver_is_not_reactivated_before_the_leaving_is_taken_back(
    office, make_person, django_capture_on_commit_callbacks
):
    wiebke = office["wiebke"]
    with django_capture_on_commit_callbacks(execute=True):
        person_mark_left(user=wiebke, left_on=dt.date(2026, 3, 31))
    client = Client()
    client.force_login(make_person(role_names={roles.TRAINING_ADMIN}))
    base = f"/organisation/beschaeftigte/{wiebke.pk}"
    response = client.post(f"{base}/aktivieren/", follow=True)
    assert "nehmen Sie erst das Ausscheiden zurück" in response.content.decode()
    wiebke.refresh_from_db()
    assert not wiebke.is_active
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{base}/rueckkehr/")
    wiebke.refresh_from_db()
    assert wiebke.is_active and wiebke.staff.left_on is None
