"""Login, logout, password change and reset, lockout after 5 failures per client."""

import re
from ipaddress import ip_network

import pytest
from django.core import mail


def login(client, username, password, *, forwarded=None):
    extra = {"REMOTE_ADDR": "10.0.0.7"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        "/konto/anmelden/", {"username": username, "password": password}, **extra
    )


def test_login_page_is_german(client, db):
    response = client.get("/konto/anmelden/")
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Benutzername" in html and "Passwort" in html
    assert 'href="#main"' in html  # skip link


def test_login_and_logout(client, make_person):
    make_person(username="anna")
    response = login(client, "anna", "geheim-123")
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200
    response = client.post("/konto/abmelden/")
    assert response.status_code == 302
    assert client.get("/").url.startswith("/konto/anmelden/")


def test_wrong_password_shows_german_error(client, make_person):
    make_person(username="anna")
    response = login(client, "anna", "falsch")
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch." in response.content.decode()


def test_lockout_after_five_failures_even_with_right_password(client, make_person):
    make_person(username="anna")
    for _ in range(5):
        login(client, "anna", "falsch")
    response = login(client, "anna", "geheim-123")
    assert response.status_code == 429
    assert "für 15 Minuten gesperrt" in response.content.decode()
    assert client.get("/").status_code == 302  # still not logged in


def test_lockout_page_names_the_configured_limit_and_cool_off(
    client, make_person, settings
):
    from datetime import timedelta

    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=40)
    make_person(username="anna")
    for _ in range(3):
        login(client, "anna", "falsch")
    html = login(client, "anna", "geheim-123").content.decode()
    assert "Nach 3 fehlgeschlagenen Anmeldeversuchen" in html
    assert "für 40 Minuten gesperrt" in html


def test_lockout_is_per_account_and_address(client, make_person):
    make_person(username="anna")
    make_person(username="bert")
    for _ in range(5):
        login(client, "anna", "falsch")
    assert login(client, "bert", "geheim-123").status_code == 302


def test_four_failures_do_not_lock(client, make_person):
    make_person(username="anna")
    for _ in range(4):
        login(client, "anna", "falsch")
    assert login(client, "anna", "geheim-123").status_code == 302


def test_password_change(client, make_person):
    user = make_person(username="anna")
    client.force_login(user)
    response = client.post(
        "/konto/passwort/",
        {
            "old_password": "geheim-123",
            "new_password1": "Neues-Passwort-2026",
            "new_password2": "Neues-Passwort-2026",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Neues-Passwort-2026")


def test_password_reset_by_email(
    client, make_person, django_capture_on_commit_callbacks, celery_eager
):
    user = make_person(username="anna", email="anna@musterstadt.example")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/konto/passwort-vergessen/", {"email": "anna@musterstadt.example"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Lotse: Passwort zurücksetzen"
    link = re.search(r"https?://[^/]+(/konto/passwort-neu/\S+/)", message.body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session marker
    response = client.post(
        form_url,
        {"new_password1": "Frisch-gesetzt-77", "new_password2": "Frisch-gesetzt-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Frisch-gesetzt-77")


@pytest.mark.parametrize("email", ["niemand@musterstadt.example"])
def test_password_reset_does_not_reveal_unknown_addresses(client, db, email):
    response = client.post("/konto/passwort-vergessen/", {"email": email})
    assert response.status_code == 302
    assert mail.outbox == []


def test_forged_forwarded_for_cannot_escape_the_lockout(client, make_person):
    make_person(username="anna")
    for n in range(5):
        login(client, "anna", "falsch", forwarded=f"198.51.100.{n}")
    assert (
        login(client, "anna", "geheim-123", forwarded="198.51.100.9").status_code == 429
    )


def test_behind_trusted_proxy_the_lockout_is_per_client(client, make_person, settings):
    settings.LOTSE_TRUSTED_PROXIES = [ip_network("10.0.0.7")]
    make_person(username="anna")
    for _ in range(5):
        login(client, "anna", "falsch", forwarded="198.51.100.1")
    assert (
        login(client, "anna", "geheim-123", forwarded="198.51.100.1").status_code == 429
    )
    assert (
        login(client, "anna", "geheim-123", forwarded="198.51.100.2").status_code == 302
    )
