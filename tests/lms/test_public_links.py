"""Links that leave the browser point to the address Lotse is really served at."""

import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from lms import roles
from lms.models import AssignmentRule, Certificate
from lms.services.reminders import reminders_send_due
from lms.services.rules import rules_apply

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
SERVED_AT = "127.0.0.1:8765"


@pytest.fixture
def learner(catalogue, make_person):
    roles.sync_groups()
    return make_person(
        first_name="Erika", last_name="Mustermann", email="erika@example.org"
    )


def test_make_run_on_another_port_links_to_that_port():
    dry = subprocess.run(
        ["make", "-n", "run", "PORT=8765"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert dry.returncode == 0, dry.stderr
    assert "http://127.0.0.1:8765" in dry.stdout
    assert "runserver 127.0.0.1:8765" in dry.stdout


def test_certificate_pdf_verify_link_uses_the_address_it_was_served_at(
    catalogue, learner, client, settings
):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    settings.LOTSE_BASE_URL = "http://127.0.0.1:8000"
    catalogue.complete_datenschutz(learner, now=NOW)
    certificate = Certificate.objects.get(user=learner)
    client.force_login(learner)
    response = client.get(
        reverse("learning:certificate_pdf", kwargs={"code": certificate.code}),
        HTTP_HOST=SERVED_AT,
    )
    assert response.status_code == 200
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )
    assert f"http://{SERVED_AT}/verify/{certificate.code}/" in text
    assert "8000" not in text

    api = client.get("/api/v1/me/certificates/", HTTP_HOST=SERVED_AT).json()
    verify_url = api["results"][0]["verify_url"]
    assert verify_url == f"http://{SERVED_AT}/verify/{certificate.code}/"


def test_reminder_e_mail_links_to_the_public_address(
    catalogue, learner, settings, django_capture_on_commit_callbacks
):
    settings.LOTSE_BASE_URL = "https://lotse.musterstadt.example"
    AssignmentRule.objects.create(course_id=catalogue.datenschutz.id, due_days=3)
    rules_apply(user_ids=[learner.pk], now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send_due(now=NOW) == 1
    [message] = mail.outbox
    assert "https://lotse.musterstadt.example/lernen/" in message.body


def test_password_reset_link_uses_the_address_the_form_was_sent_to(
    learner, client, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    settings.LOTSE_BASE_URL = "http://127.0.0.1:8000"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("password_reset"),
            {"email": "erika@example.org"},
            HTTP_HOST=SERVED_AT,
        )
    [message] = mail.outbox
    assert f"http://{SERVED_AT}/konto/passwort-neu/" in message.body


def test_api_docs_have_lotse_header_and_a_way_back(client, db):
    html = client.get(reverse("api-docs")).content.decode()
    assert 'class="api-docs-header"' in html
    assert 'href="/"' in html and "Zurück zu Lotse" in html
    assert "favicon.svg" in html


def test_django_admin_has_a_favicon(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
