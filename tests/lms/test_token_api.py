"""The token endpoint under attack: lockout, throttling, proxies and hostile input.

Addresses come from the documentation ranges (RFC 5737): 192.0.2.x is the TLS
proxy, 198.51.100.x are clients behind it, 203.0.113.x are other hosts.
"""

import json
import os
import subprocess
import sys
from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory
from rest_framework.test import APIClient

from lms.client_address import client_address

URL = "/api/v1/auth/token/"
PROXY = "192.0.2.10"
CLIENT_A = "198.51.100.1"
CLIENT_B = "198.51.100.2"
LOCKED = "Das Konto ist nach zu vielen Fehlversuchen für 15 Minuten gesperrt."
THROTTLED = "Zu viele Anfragen. Bitte versuchen Sie es in "


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def behind_proxy(settings):
    settings.LOTSE_TRUSTED_PROXIES = [ip_network(PROXY)]


def token(api, username, password, *, remote="10.0.0.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return api.post(
        URL, {"username": username, "password": password}, format="json", **extra
    )


def rate(scope):
    """The configured number of requests per period for a throttle scope."""
    rates = django_settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    return int(rates[scope].split("/")[0])


# --- lockout ------------------------------------------------------------------------


def test_token_failures_lock_the_account_with_a_german_answer(api, client, make_person):
    make_person(username="anna")
    for _ in range(4):
        assert token(api, "anna", "falsch").status_code == 400
    response = token(api, "anna", "falsch")  # the fifth failure locks
    assert response.status_code == 429
    response = token(api, "anna", "geheim-123")
    assert response.status_code == 429
    body = response.json()
    assert body["detail"].startswith(LOCKED) and body["errors"] == {}
    assert response["Retry-After"] == str(15 * 60)
    # The same lock holds for the web login from that address.
    web = client.post(
        "/konto/anmelden/",
        {"username": "anna", "password": "geheim-123"},
        REMOTE_ADDR="10.0.0.7",
    )
    assert web.status_code == 429


def test_locked_answer_names_the_configured_cool_off(api, make_person, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    settings.AXES_FAILURE_LIMIT = 3
    make_person(username="anna")
    for _ in range(3):
        token(api, "anna", "falsch")
    response = token(api, "anna", "geheim-123")
    assert response.status_code == 429
    assert "für 30 Minuten gesperrt" in response.json()["detail"]
    assert response["Retry-After"] == str(30 * 60)


def test_locked_answer_in_english(api, make_person):
    make_person(username="anna")
    for _ in range(5):
        token(api, "anna", "falsch")
    response = api.post(
        URL,
        {"username": "anna", "password": "geheim-123"},
        format="json",
        REMOTE_ADDR="10.0.0.7",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 429
    assert "locked for 15 minutes" in response.json()["detail"]


# --- client address without trusted proxies ------------------------------------------


def test_without_trusted_proxies_forwarded_for_is_ignored_by_the_lockout(
    api, client, make_person
):
    make_person(username="anna")
    for forwarded in ["198.51.100.1", "198.51.100.2"] * 2 + ["198.51.100.3"]:
        token(api, "anna", "falsch", remote=PROXY, forwarded=forwarded)
    response = token(api, "anna", "geheim-123", remote=PROXY, forwarded="203.0.113.9")
    assert response.status_code == 429
    assert response.json()["detail"].startswith(LOCKED)
    web = client.post(
        "/konto/anmelden/",
        {"username": "anna", "password": "geheim-123"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="203.0.113.10",
    )
    assert web.status_code == 429


def test_without_trusted_proxies_forwarded_for_cannot_escape_the_throttle(api, db):
    limit = rate("token_address")
    for n in range(limit):
        response = token(api, f"user{n}", "falsch", forwarded=f"203.0.113.{n}")
        assert response.status_code == 400
    response = token(api, "noch-einer", "falsch", forwarded="203.0.113.200")
    assert response.status_code == 429


# --- client address behind a trusted proxy -------------------------------------------


def test_behind_trusted_proxy_lockout_is_per_client(api, make_person, behind_proxy):
    make_person(username="anna")
    for _ in range(5):
        token(api, "anna", "falsch", remote=PROXY, forwarded=CLIENT_A)
    locked = token(api, "anna", "geheim-123", remote=PROXY, forwarded=CLIENT_A)
    assert locked.status_code == 429
    response = token(api, "anna", "geheim-123", remote=PROXY, forwarded=CLIENT_B)
    assert response.status_code == 200 and response.json()["token"]


def test_behind_trusted_proxy_a_forged_first_hop_does_not_help(
    api, make_person, behind_proxy
):
    # The proxy appends the address it saw; whatever the client wrote stands left.
    make_person(username="anna")
    for n in range(5):
        token(api, "anna", "falsch", remote=PROXY, forwarded=f"10.9.9.{n}, {CLIENT_A}")
    response = token(
        api, "anna", "geheim-123", remote=PROXY, forwarded=f"10.9.9.99, {CLIENT_A}"
    )
    assert response.status_code == 429


def test_behind_trusted_proxy_forged_header_from_other_host_is_ignored(
    api, make_person, behind_proxy
):
    make_person(username="anna")
    for n in range(5):
        token(api, "anna", "falsch", remote="203.0.113.5", forwarded=f"198.51.100.{n}")
    response = token(
        api, "anna", "geheim-123", remote="203.0.113.5", forwarded="198.51.100.99"
    )
    assert response.status_code == 429
    assert response.json()["detail"].startswith(LOCKED)


def test_behind_trusted_proxy_address_throttle_is_per_client(api, db, behind_proxy):
    limit = rate("token_address")
    for n in range(limit):
        token(api, f"user{n}", "falsch", remote=PROXY, forwarded=CLIENT_A)
    throttled = token(api, "noch-einer", "falsch", remote=PROXY, forwarded=CLIENT_A)
    assert throttled.status_code == 429
    other = token(api, "noch-einer", "falsch", remote=PROXY, forwarded=CLIENT_B)
    assert other.status_code == 400


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        (PROXY, CLIENT_A, CLIENT_A),
        (PROXY, f"10.9.9.9, {CLIENT_A}", CLIENT_A),  # the client wrote the left part
        (PROXY, f"{CLIENT_A}, 10.1.2.3", CLIENT_A),  # two proxies of ours in a row
        ("10.1.2.4", f"{CLIENT_A}, 10.1.2.3", CLIENT_A),
        ("203.0.113.5", CLIENT_A, "203.0.113.5"),  # not our proxy: header ignored
        (PROXY, None, PROXY),
        (PROXY, "kaputt", PROXY),
        (PROXY, f"{CLIENT_A}, kaputt", PROXY),
        (PROXY, "2001:db8::7", "2001:db8::7"),
        (PROXY, f" {CLIENT_B} ", CLIENT_B),
    ],
)
def test_client_address_trusts_only_the_named_proxies(
    settings, remote, forwarded, expected
):
    settings.LOTSE_TRUSTED_PROXIES = [ip_network(PROXY), ip_network("10.1.0.0/16")]
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **extra)) == expected


# --- throttling ------------------------------------------------------------------------


def test_token_endpoint_is_throttled_per_address_in_german(api, db):
    limit = rate("token_address")
    for n in range(limit):
        assert token(api, f"user{n}", "falsch").status_code == 400
    response = token(api, "noch-einer", "falsch")
    assert response.status_code == 429
    body = response.json()
    assert body["detail"].startswith(THROTTLED) and body["errors"] == {}
    assert int(response["Retry-After"]) > 0
    assert token(api, "noch-einer", "falsch", remote="10.0.0.8").status_code == 400


def test_token_endpoint_is_throttled_per_username(api, make_person):
    make_person(username="anna")
    limit = rate("token_username")
    for n in range(limit):
        # A new address each time, so neither the lockout nor the address limit bites.
        token(api, "anna", "falsch", remote=f"203.0.113.{n}")
    response = token(api, "anna", "geheim-123", remote="203.0.113.250")
    assert response.status_code == 429
    assert response.json()["detail"].startswith(THROTTLED)
    other = token(api, "bert", "falsch", remote="203.0.113.250")
    assert other.status_code == 400


# --- hostile input ---------------------------------------------------------------------


def post_raw(api, body):
    return api.post(URL, body, content_type="application/json", REMOTE_ADDR="10.0.0.7")


@pytest.mark.parametrize(
    "username, password",
    [
        ("a" * 256, "falsch"),
        ("a" * 151, "falsch"),
        ("an\x00na", "falsch"),
        ("anna", "fal\x00sch"),
    ],
)
def test_hostile_credentials_get_a_400_not_a_500(api, make_person, username, password):
    make_person(username="anna")
    response = post_raw(api, json.dumps({"username": username, "password": password}))
    assert response.status_code == 400
    assert response.json()["detail"] == "Die Eingaben sind ungültig."


@pytest.mark.parametrize(
    "body",
    [
        '{"username": "an\\ud800na", "password": "falsch"}',
        '{"username": "anna", "password": "fal\\udfffsch"}',
    ],
)
def test_lone_surrogates_get_a_400_not_a_500(api, make_person, body):
    make_person(username="anna")
    response = post_raw(api, body)
    assert response.status_code == 400
    assert response.json()["detail"] == "Die Eingaben sind ungültig."


@pytest.mark.parametrize("body", ['["anna", "geheim-123"]', '"anna"', "{kaputt"])
def test_a_body_that_is_no_object_gets_a_400(api, db, body):
    response = post_raw(api, body)
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_mistyped_trusted_proxy_stops_the_start():
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOTSE_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[2],
        env={**env, "LOTSE_TRUSTED_PROXIES": "127.0.0.1,proxy.intern"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "proxy.intern" in result.stderr
