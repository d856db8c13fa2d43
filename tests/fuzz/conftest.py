"""Fixtures of the fuzz tests: the demo town with an employee and an administrator
holding API tokens, and the Django application called in-process over WSGI.

The town is seeded once for the package inside one transaction that is rolled
back at its end, so every fuzz test sees it and no other test does; each test
(marked ``django_db``) runs in a savepoint of its own on top.
"""

from __future__ import annotations

import os

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from rest_framework.authtoken.models import Token

from demo.accounts import ADMIN_USERNAME, EMPLOYEE_USERNAME
from tests.fuzz.harness import Person, real_ids


@pytest.fixture(scope="package")
def town(django_db_setup, django_db_blocker):
    """The demo town with an employee and an administrator holding API tokens."""
    from django.contrib.auth import get_user_model

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=open(os.devnull, "w"))
            people = {}
            for role, username in (
                ("employee", EMPLOYEE_USERNAME),
                ("admin", ADMIN_USERNAME),
            ):
                user = get_user_model().objects.get(username=username)
                token, _created = Token.objects.get_or_create(user=user)
                people[role] = Person(username, token.key, real_ids(user))
            yield people
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="package")
def app(town):
    """Django's WSGI application, called in-process inside the town's transaction.

    Django closes "old" connections around each request; inside the town's open
    transaction that would end it, so (as Django's test client does) not here.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
