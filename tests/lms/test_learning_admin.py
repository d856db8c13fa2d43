"""Training admins define rules and exemptions in the admin; writes go through services."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from lms import roles
from lms.models import AssignmentRule, Enrolment, Exemption
from tests.support.factories import OrgUnitFactory
from tests.support.learning import (
    NO_SUCH_PAGE,
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
    from lms.services.rules import rules_apply

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


# --- Joiners and movers: every admin page that changes a unit or roles applies rules


@pytest.fixture
def rule_for_unit(catalogue):
    unit = OrgUnitFactory()
    AssignmentRule.objects.create(course_id=catalogue.hund.id, org_unit=unit)
    return unit


def enrolled(user, course_id) -> bool:
    return Enrolment.objects.filter(
        user=user, course_id=course_id, is_current=True, withdrawn_at__isnull=True
    ).exists()


def test_moving_a_person_in_the_admin_applies_rules_on_commit(
    admin_client,
    catalogue,
    make_person,
    rule_for_unit,
    django_capture_on_commit_callbacks,
):
    mover = make_person()
    profile = mover.staff
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/lms/staffprofile/{profile.pk}/change/",
            {
                "user": mover.pk,
                "personnel_number": profile.personnel_number,
                "org_unit": rule_for_unit.pk,
                "job_title": profile.job_title,
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert enrolled(mover, catalogue.hund.id)


def test_changing_roles_in_the_admin_applies_rules_on_commit(
    admin_client, catalogue, make_person, django_capture_on_commit_callbacks
):
    AssignmentRule.objects.create(course_id=catalogue.hund.id, role=roles.TRAINER)
    person = make_person()
    trainer_group = Group.objects.get(name=roles.GROUP_NAMES[roles.TRAINER])
    joined = timezone.localtime(person.date_joined)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/auth/user/{person.pk}/change/",
            {
                "username": person.username,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": person.email,
                "is_active": "on",
                "groups": [
                    *person.groups.values_list("pk", flat=True),
                    trainer_group.pk,
                ],
                "date_joined_0": joined.strftime("%Y-%m-%d"),
                "date_joined_1": joined.strftime("%H:%M:%S"),
                "initial-date_joined_0": joined.strftime("%Y-%m-%d"),
                "initial-date_joined_1": joined.strftime("%H:%M:%S"),
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert enrolled(person, catalogue.hund.id)


def test_changing_roles_in_wagtails_user_editor_applies_rules_on_commit(
    admin_client, catalogue, make_person, django_capture_on_commit_callbacks
):
    AssignmentRule.objects.create(course_id=catalogue.hund.id, role=roles.TRAINER)
    person = make_person()
    groups = [
        *person.groups.values_list("pk", flat=True),
        Group.objects.get(name=roles.GROUP_NAMES[roles.TRAINER]).pk,
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/cms/users/edit/{person.pk}/",
            {
                "username": person.username,
                "email": person.email,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "password1": "",
                "password2": "",
                "is_active": "on",
                "groups": groups,
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert enrolled(person, catalogue.hund.id)


def test_assigning_a_role_to_many_in_wagtail_applies_rules_on_commit(
    admin_client, catalogue, make_person, django_capture_on_commit_callbacks
):
    AssignmentRule.objects.create(course_id=catalogue.hund.id, role=roles.TRAINER)
    people = [make_person(), make_person()]
    trainer_group = Group.objects.get(name=roles.GROUP_NAMES[roles.TRAINER])
    query = "&".join(f"id={p.pk}" for p in people)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/cms/bulk/{get_user_model()._meta.app_label}/"
            f"{get_user_model()._meta.model_name}/assign_role/?{query}",
            {"role": trainer_group.pk},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert all(enrolled(person, catalogue.hund.id) for person in people)
