"""Prepare and run the test provider: `python -m tests.support.oidc_provider.serve`.

Reads its set-up from the environment (the starting test sets it): database file,
port, its own URL, the one client (id, secret, redirect URI) and the people (JSON
list of username, password, first and last name, e-mail, personnel number, unit,
groups). Migrates, makes a signing key, creates client and people, then serves
until it is terminated.
"""

import json
import os
import socketserver
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.support.oidc_provider.settings"


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the parent's signature
        pass


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


def prepare() -> None:
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0, interactive=False)
    call_command("creatersakey", verbosity=0)
    client = Client.objects.create(
        name="Lotse",
        client_type="confidential",
        client_id=os.environ["OIDC_TEST_CLIENT_ID"],
        client_secret=os.environ["OIDC_TEST_CLIENT_SECRET"],
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
    )
    client.redirect_uris = [os.environ["OIDC_TEST_REDIRECT_URI"]]
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))
    for person in json.loads(os.environ["OIDC_TEST_PEOPLE"]):
        user = User.objects.create_user(
            person["username"],
            email=person["email"],
            password=person["password"],
            first_name=person["first_name"],
            last_name=person["last_name"],
        )
        tags = [f"number:{person['personnel_number']}", f"unit:{person['unit']}"]
        tags += [f"group:{g}" for g in person.get("groups", [])]
        for tag in tags:
            user.groups.add(Group.objects.get_or_create(name=tag)[0])


def main() -> None:
    django.setup()
    prepare()
    from django.core.wsgi import get_wsgi_application

    server = make_server(
        "127.0.0.1",
        int(os.environ["OIDC_TEST_PORT"]),
        get_wsgi_application(),
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )
    server.serve_forever()


if __name__ == "__main__":
    main()
