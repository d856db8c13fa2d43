"""Training admins define rules and exemptions in the admin; writes go through services."""

import pytest
from django.test import Client

from lms import roles
from lms.models import AssignmentRule, Enrolment, Exemption
from tests.factories import OrgUnitFactory
from tests.lms.learning_support import (
    NO_SUCH_PAGE,
    catalogue_fixture,  # noqa: F401
)


@pytest.fixture
def admin_client(catalogue, make_person):
    roles.sync_groups()
    client = Client()
    client.force_login(make_person(role_names={"admin"}))
    return client


def test_adding_a_rule_applies_it_on_commit(
    admin_client, catalogue, make_person, django_capture_on_commit_callbacks
):
    hund = catalogue.hund.id
    unit = OrgUnitFactory()
    person = make_person(unit=unit)
    form = admin_client.get("/admin/lms/assignmentrule/add/").content.decode()
    assert "Datenschutz im digitalen Verfahren" in form  # courses offered by title
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/lms/assignmentrule/add/",
            {
                "course_id": hund,
                "org_unit": unit.pk,
                "role": "",
                "job_title": "",
                "due_days": 21,
                "recertify_months": "",
                "starts_on": "",
                "is_active": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AssignmentRule.objects.get().course_id == hund
    assert Enrolment.objects.get(user=person).course_id == hund


def test_unknown_course_is_refused(admin_client):
    response = admin_client.post(
        "/admin/lms/assignmentrule/add/",
        {"course_id": NO_SUCH_PAGE, "due_days": 21, "is_active": "on"},
    )
    assert response.status_code == 200
    assert not AssignmentRule.objects.exists()


def test_exemption_in_the_admin_withdraws_the_enrolment(
    admin_client, catalogue, make_person
):
    from lms.services import rules_apply

    datenschutz = catalogue.datenschutz.id
    person = make_person()
    AssignmentRule.objects.create(course_id=datenschutz)
    rules_apply()
    response = admin_client.post(
        "/admin/lms/exemption/add/",
        {"user": person.pk, "course_id": datenschutz, "reason": "extern geschult"},
    )
    assert response.status_code == 302
    exemption = Exemption.objects.get()
    assert exemption.created_by is not None
    assert Enrolment.objects.get(user=person).withdrawn_at is not None
