"""Staff import: the dry run lists who changes, errors in line order, and new
people get an invitation to set their password (on the address of the upload)."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lms import roles
from tests.support.factories import OrgUnitFactory

HEADER = "personalnummer;vorname;nachname;email;einheit;funktion;rollen\n"
SERVED_AT = "127.0.0.1:8765"


@pytest.fixture
def importer(db, make_person, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    OrgUnitFactory(code="amt", name="Amt")
    OrgUnitFactory(code="hof", name="Bauhof")
    return make_person(role_names={roles.TRAINING_ADMIN})


def upload(client, text, *, capture, dry_run=False):
    form = {"file": SimpleUploadedFile("p.csv", text.encode(), content_type="text/csv")}
    if dry_run:
        form["dry_run"] = "on"
    with capture(execute=True):
        response = client.post("/organisation/import/", form, HTTP_HOST=SERVED_AT)
    assert response.status_code == 302
    return client.get(response["Location"], HTTP_HOST=SERVED_AT).content.decode()


def test_dry_run_lists_who_will_be_created_or_changed(
    importer, celery_eager, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(importer)
    first = HEADER + "P100;Anna;Amsel;anna@musterstadt.example;amt;Sachbearbeitung;\n"
    upload(client, first, capture=django_capture_on_commit_callbacks)
    mail.outbox.clear()
    second = (
        HEADER
        + "P100;Anna;Amsel;anna@musterstadt.example;hof;Sachbearbeitung;\n"
        + "P200;Carl;Cedern;carl@musterstadt.example;amt;;\n"
    )
    html = upload(
        client, second, capture=django_capture_on_commit_callbacks, dry_run=True
    )
    assert "Wer angelegt oder geändert wird" in html
    assert re.search(r"P100</td><td>Anna Amsel</td><td>.*geändert</span> Einheit", html)
    assert re.search(r"P200</td><td>Carl Cedern</td><td>.*neu", html)
    assert "erhalten die neuen Personen eine E-Mail" in html
    assert mail.outbox == []  # a dry run invites nobody


def test_imported_people_get_an_invitation_with_a_set_password_link(
    importer, celery_eager, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(importer)
    page = client.get("/organisation/import/").content.decode()
    assert "E-Mail mit einem Link" in page and "Zuweisungsregeln" in page
    html = upload(
        client,
        HEADER + "P100;Anna;Amsel;anna@musterstadt.example;amt;;\n",
        capture=django_capture_on_commit_callbacks,
    )
    assert "Die neue Person erhält eine E-Mail mit einem Link" in html
    [message] = mail.outbox
    assert message.to == ["anna@musterstadt.example"]
    assert "Passwort" in message.subject
    link = re.search(r"http://\S+/konto/passwort-neu/\S+/", message.body).group()
    assert link.startswith(f"http://{SERVED_AT}/")
    # The link works: it leads to the form for a new password.
    anonymous = Client()
    form = anonymous.get(link.removeprefix(f"http://{SERVED_AT}"), follow=True)
    assert "Neues Passwort" in form.content.decode()
    # Importing the same file again invites nobody a second time.
    mail.outbox.clear()
    upload(
        client,
        HEADER + "P100;Anna;Amsel;anna@musterstadt.example;amt;;\n",
        capture=django_capture_on_commit_callbacks,
    )
    assert mail.outbox == []


def test_errors_are_listed_in_line_order(
    importer, celery_eager, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(importer)
    html = upload(
        client,
        HEADER
        + "P1;Anna;Amsel;anna@musterstadt.example;nirgends;;\n"
        + "P2;Bert;Buche;keine-adresse;amt;;\n"
        + "P1;Carl;Cedern;carl@musterstadt.example;amt;;Kaiser\n",
        capture=django_capture_on_commit_callbacks,
    )
    lines = [int(n) for n in re.findall(r"<li>Zeile (\d+):", html)]
    assert lines == sorted(lines) and set(lines) == {2, 3, 4}
    assert mail.outbox == []
