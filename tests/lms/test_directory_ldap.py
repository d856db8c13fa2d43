"""Sign-in with the town's directory, against a real OpenLDAP (Debian's slapd).

The server is started once for this module on a free port with a small tree
(units, people, groups: tests/support/slapd.py) and removed afterwards.
"""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from lms import roles
from lms.models import DirectoryAccount, Enrolment, StaffProfile
from lms.selectors.staff import account_roles
from tests.support import slapd
from tests.support.factories import OrgUnitFactory, StaffProfileFactory
from tests.support.services import require_service

User = get_user_model()
LDAP_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lms.backends.LdapBackend",
    "lms.backends.AccountBackend",
]


@pytest.fixture(scope="module")
def directory():
    if not slapd.available():
        yield None
        return
    server = slapd.Slapd().start()
    yield server
    server.stop()


@pytest.fixture
def ldap(directory, settings, db, celery_eager):
    """Lotse configured for the test directory, with the units it names."""
    require_service(
        directory is not None,
        "OpenLDAP (slapd)",
        "apt-get install slapd ldap-utils",
    )
    settings.AUTHENTICATION_BACKENDS = LDAP_BACKENDS
    settings.LDAP_SERVER_URI = directory.uri
    settings.LDAP_BIND_DN = slapd.ADMIN_DN
    settings.LDAP_BIND_PASSWORD = slapd.ADMIN_PASSWORD
    settings.LDAP_USER_SEARCH_BASE = slapd.PEOPLE_DN
    settings.LDAP_USER_FILTER = "(uid=%(user)s)"
    settings.LDAP_ROLE_GROUPS = (
        f"Schulungsteam={slapd.TRAINER_GROUP_DN};Administration={slapd.ADMIN_GROUP_DN}"
    )
    OrgUnitFactory(code="ordnungsamt", name="Ordnungsamt")
    OrgUnitFactory(code="finanzen", name="Finanzen")
    return directory


def login(client, username, password):
    return client.post(
        "/konto/anmelden/",
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.9",
    )


def test_first_sign_in_creates_the_person_from_the_directory(client, ldap):
    response = login(client, "lena.lindner", slapd.PASSWORD)
    assert response.status_code == 302 and response.url == "/"
    user = User.objects.get(username="lena.lindner")
    assert (user.first_name, user.last_name) == ("Lena", "Lindner")
    assert user.email == "lena.lindner@musterstadt.example"
    assert not user.has_usable_password()  # the directory's password counts
    profile = user.staff
    assert profile.personnel_number == "V1001"
    assert profile.org_unit.code == "ordnungsamt"
    assert DirectoryAccount.objects.get(user=user).subject == "lena.lindner"
    assert client.get("/").status_code == 200


def test_each_sign_in_updates_names_mail_and_unit(client, ldap):
    login(client, "lena.lindner", slapd.PASSWORD)
    ldap.modify(
        f"uid=lena.lindner,{slapd.PEOPLE_DN}",
        {
            "sn": [("MODIFY_REPLACE", ["Lindner-Berg"])],
            "mail": [("MODIFY_REPLACE", ["lena.berg@musterstadt.example"])],
            "departmentNumber": [("MODIFY_REPLACE", ["finanzen"])],
        },
    )
    try:
        client.post("/konto/abmelden/")
        assert login(client, "lena.lindner", slapd.PASSWORD).status_code == 302
        user = User.objects.get(username="lena.lindner")
        assert user.last_name == "Lindner-Berg"
        assert user.email == "lena.berg@musterstadt.example"
        assert user.staff.org_unit.code == "finanzen"
        assert User.objects.filter(staff__personnel_number="V1001").count() == 1
    finally:
        ldap.modify(
            f"uid=lena.lindner,{slapd.PEOPLE_DN}",
            {
                "sn": [("MODIFY_REPLACE", ["Lindner"])],
                "mail": [("MODIFY_REPLACE", ["lena.lindner@musterstadt.example"])],
                "departmentNumber": [("MODIFY_REPLACE", ["ordnungsamt"])],
            },
        )


def test_sign_in_links_an_imported_person_by_personnel_number(client, ldap):
    imported = StaffProfileFactory(
        personnel_number="V1001",
        user__username="l.lindner",
        user__first_name="Lena",
        user__last_name="Alt",
    )
    imported.user.set_unusable_password()
    imported.user.save()
    assert login(client, "lena.lindner", slapd.PASSWORD).status_code == 302
    imported.user.refresh_from_db()
    assert imported.user.last_name == "Lindner"
    assert imported.user.staff.org_unit.code == "ordnungsamt"
    assert StaffProfile.objects.filter(personnel_number="V1001").count() == 1
    assert not User.objects.filter(username="lena.lindner").exists()


def test_wrong_password_is_refused_and_creates_nobody(client, ldap):
    response = login(client, "lena.lindner", "falsch")
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch." in response.content.decode()
    assert not User.objects.filter(username="lena.lindner").exists()
    response = login(client, "lena.lindner", "")
    assert not User.objects.filter(username="lena.lindner").exists()


def test_disabled_account_cannot_sign_in(client, ldap):
    response = login(client, "gesa.gesperrt", slapd.PASSWORD)
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch." in response.content.decode()
    assert not User.objects.filter(username="gesa.gesperrt").exists()


def test_disabled_in_directory_locks_the_account_and_its_api_token(
    client, ldap, catalogue, django_capture_on_commit_callbacks
):
    from lms.models import AssignmentRule
    from lms.services.rules import rules_apply
    from lms.tasks import directory_accounts_check

    login(client, "lena.lindner", slapd.PASSWORD)
    user = User.objects.get(username="lena.lindner")
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id, due_days=30)
    rules_apply(user_ids=[user.pk])
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.is_mandatory
    token = client.post(
        "/api/v1/auth/token/",
        {"username": "lena.lindner", "password": slapd.PASSWORD},
        content_type="application/json",
    ).json()["token"]
    api = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert client.get("/api/v1/me/", **api).status_code == 200

    dn = f"uid=lena.lindner,{slapd.PEOPLE_DN}"
    ldap.modify(dn, {"shadowExpire": [("MODIFY_REPLACE", ["1"])]})
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert directory_accounts_check.delay().get()["locked"] == 1
        user.refresh_from_db()
        assert not user.is_active
        client.logout()
        assert client.get("/api/v1/me/", **api).status_code == 401
        assert login(client, "lena.lindner", slapd.PASSWORD).status_code == 200
        enrolment.refresh_from_db()
        assert enrolment.withdrawn_at is not None  # open mandatory training
    finally:
        ldap.modify(dn, {"shadowExpire": [("MODIFY_DELETE", [])]})
    # Enabled again in the directory: the next sign-in lets her in again.
    assert login(client, "lena.lindner", slapd.PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.is_active


def test_removed_from_directory_marks_the_person_as_left(client, ldap):
    from lms.services.directory import directory_accounts_check

    login(client, "rudi.raus", slapd.PASSWORD)
    user = User.objects.get(username="rudi.raus")
    Token.objects.create(user=user)
    ldap.delete(f"uid=rudi.raus,{slapd.PEOPLE_DN}")
    assert directory_accounts_check()["left"] == 1
    user.refresh_from_db()
    assert not user.is_active and user.staff.left_on is not None
    assert not Token.objects.filter(user=user).exists()
    response = login(client, "rudi.raus", slapd.PASSWORD)
    assert response.status_code == 200
    assert not User.objects.exclude(pk=user.pk).filter(first_name="Rudi").exists()


def test_renamed_in_directory_is_no_leaver(client, ldap):
    from lms.services.directory import directory_accounts_check

    login(client, "lena.lindner", slapd.PASSWORD)
    user = User.objects.get(username="lena.lindner")
    # Her old login name is gone; her personnel number is still there.
    user.directory_account.subject = "lena.alt"
    user.directory_account.save()
    assert directory_accounts_check()["left"] == 0
    user.refresh_from_db()
    assert user.is_active and user.staff.left_on is None
    client.post("/konto/abmelden/")
    assert login(client, "lena.lindner", slapd.PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.directory_account.subject == "lena.lindner"


def test_directory_group_gives_the_role(client, ldap):
    login(client, "tom.trainer", slapd.PASSWORD)
    user = User.objects.get(username="tom.trainer")
    assert account_roles(user) == {roles.TRAINER}
    assert user.groups.filter(name="Schulungsteam").exists()
    assert user.has_perm("sandbox.upload_processpackage")


def test_directory_group_cannot_grant_administration_unless_allowed(
    client, ldap, settings
):
    login(client, "ada.admin", slapd.PASSWORD)
    user = User.objects.get(username="ada.admin")
    assert roles.ADMIN not in account_roles(user) and not user.is_superuser

    settings.LOTSE_DIRECTORY_MAY_GRANT_ADMIN = True
    client.post("/konto/abmelden/")
    login(client, "ada.admin", slapd.PASSWORD)
    user.refresh_from_db()
    assert user.is_superuser


def test_unknown_unit_gives_a_clear_message(client, ldap):
    from lms.models import OrgUnit

    OrgUnit.objects.filter(code="ordnungsamt").delete()
    response = login(client, "lena.lindner", slapd.PASSWORD)
    assert response.status_code == 200
    assert "Organisationseinheit ist in Lotse nicht bekannt" in (
        response.content.decode()
    )
    assert not User.objects.filter(username="lena.lindner").exists()


def test_directory_down_gives_a_german_message_and_local_admins_still_sign_in(
    client, ldap, settings, make_person
):
    from tests.support.slapd import _free_port

    make_person(username="notfall-admin", role_names={roles.ADMIN})
    settings.LDAP_SERVER_URI = f"ldap://127.0.0.1:{_free_port()}"  # nobody there
    settings.LDAP_TIMEOUT_SECONDS = 2
    response = login(client, "lena.lindner", slapd.PASSWORD)
    assert response.status_code == 200
    assert "Verzeichnisdienst (Windows-Anmeldung) ist gerade nicht erreichbar" in (
        response.content.decode()
    )
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "lena.lindner", "password": slapd.PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "nicht erreichbar" in str(response.json())
    assert login(client, "notfall-admin", "geheim-123").status_code == 302


def test_lockout_covers_directory_sign_ins(client, ldap):
    for _ in range(5):
        login(client, "lena.lindner", "falsch")
    response = login(client, "lena.lindner", slapd.PASSWORD)
    assert response.status_code == 429
    assert not User.objects.filter(username="lena.lindner").exists()


def test_local_account_of_the_same_name_is_never_taken_over(client, ldap, make_person):
    local = make_person(username="lena.lindner")
    response = login(client, "lena.lindner", slapd.PASSWORD)
    assert response.status_code == 200
    assert "gehört in Lotse einem lokalen Konto" in response.content.decode()
    assert not DirectoryAccount.objects.filter(user=local).exists()
    # Her local password still works.
    assert login(client, "lena.lindner", "geheim-123").status_code == 302


def test_first_sign_in_enrols_the_person_by_the_rules_of_their_unit(
    client, ldap, catalogue, django_capture_on_commit_callbacks
):
    from lms.models import AssignmentRule, OrgUnit

    unit = OrgUnit.objects.get(code="ordnungsamt")
    AssignmentRule.objects.create(
        course_id=catalogue.datenschutz.id, org_unit=unit, due_days=30
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert login(client, "lena.lindner", slapd.PASSWORD).status_code == 302
    enrolment = Enrolment.objects.get(user__username="lena.lindner")
    assert enrolment.course_id == catalogue.datenschutz.id and enrolment.is_mandatory


def test_each_sign_in_takes_the_roles_from_the_directory(client, ldap):
    assert login(client, "tom.trainer", slapd.PASSWORD).status_code == 302
    user = User.objects.get(username="tom.trainer")
    assert account_roles(user) == {roles.TRAINER}
    tom, lena = (
        f"uid={uid},{slapd.PEOPLE_DN}" for uid in ("tom.trainer", "lena.lindner")
    )
    # Taken out of the group (a groupOfNames keeps at least one member).
    ldap.modify(slapd.TRAINER_GROUP_DN, {"member": [("MODIFY_ADD", [lena])]})
    ldap.modify(slapd.TRAINER_GROUP_DN, {"member": [("MODIFY_DELETE", [tom])]})
    try:
        client.post("/konto/abmelden/")
        assert login(client, "tom.trainer", slapd.PASSWORD).status_code == 302
        user.refresh_from_db()
        assert account_roles(user) == set()
        assert not user.has_perm("sandbox.upload_processpackage")
    finally:
        ldap.modify(slapd.TRAINER_GROUP_DN, {"member": [("MODIFY_ADD", [tom])]})
        ldap.modify(slapd.TRAINER_GROUP_DN, {"member": [("MODIFY_DELETE", [lena])]})


def test_disabled_in_directory_is_locked_at_the_next_sign_in_with_its_token(
    client, ldap
):
    login(client, "lena.lindner", slapd.PASSWORD)
    user = User.objects.get(username="lena.lindner")
    token = Token.objects.create(user=user)
    api = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    dn = f"uid=lena.lindner,{slapd.PEOPLE_DN}"
    ldap.modify(dn, {"shadowExpire": [("MODIFY_REPLACE", ["1"])]})
    try:
        client.post("/konto/abmelden/")
        # No periodic check has run: the sign-in itself finds her disabled.
        assert login(client, "lena.lindner", slapd.PASSWORD).status_code == 200
        response = client.post(
            "/api/v1/auth/token/",
            {"username": "lena.lindner", "password": slapd.PASSWORD},
            content_type="application/json",
        )
        assert response.status_code == 400
        user.refresh_from_db()
        assert not user.is_active
        assert client.get("/api/v1/me/", **api).status_code == 401
    finally:
        ldap.modify(dn, {"shadowExpire": [("MODIFY_DELETE", [])]})


def test_lockout_covers_local_accounts_while_the_directory_is_on(
    client, ldap, make_person
):
    make_person(username="notfall-admin", role_names={roles.ADMIN})
    for _ in range(5):
        login(client, "notfall-admin", "falsch")
    assert login(client, "notfall-admin", "geheim-123").status_code == 429
    assert client.get("/").status_code == 302  # not signed in


def test_a_leaver_still_in_the_directory_cannot_sign_in(client, ldap):
    import datetime as dt

    from lms.services.leavers import person_mark_left

    login(client, "lena.lindner", slapd.PASSWORD)
    client.post("/konto/abmelden/")
    user = User.objects.get(username="lena.lindner")
    person_mark_left(user=user, left_on=dt.date.today())  # by the training admin
    response = login(client, "lena.lindner", slapd.PASSWORD)
    assert response.status_code == 200
    assert "als ausgeschieden vermerkt" in response.content.decode()
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "lena.lindner", "password": slapd.PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 400
    user.refresh_from_db()
    assert not user.is_active


# ldap3 checks the host name with ssl.match_hostname, deprecated in Python 3.7.
TLS_WARNING = "ignore:ssl.match_hostname:DeprecationWarning"


@pytest.mark.filterwarnings(TLS_WARNING)
def test_start_tls_with_the_towns_ca_signs_in(client, ldap, settings):
    settings.LDAP_START_TLS = True
    settings.LDAP_CA_CERT_FILE = str(ldap.ca_file)
    assert login(client, "lena.lindner", slapd.PASSWORD).status_code == 302


@pytest.mark.filterwarnings(TLS_WARNING)
def test_start_tls_refuses_a_directory_whose_certificate_is_not_trusted(
    client, ldap, settings
):
    settings.LDAP_START_TLS = True  # the test CA is not among the system's CAs
    response = login(client, "lena.lindner", slapd.PASSWORD)
    assert response.status_code == 200
    assert "nicht erreichbar" in response.content.decode()
    assert not User.objects.filter(username="lena.lindner").exists()
