"""Only administrators manage accounts.

Every page of Django's and Wagtail's admin that touches users, groups or login
tokens is requested by each role below Administration, with GET and with a POST
that would take over an account (set the administrator's password, tick
"superuser", join Administration, grant the user-admin permissions). Each must be refused
and leave every account, group and token as it was. The same POSTs sent by an
administrator do change something, so they are real attempts.
"""

import uuid
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authtoken.models import Token

from demo.accounts import (
    ADMIN_USERNAME,
    EMPLOYEE_USERNAME,
    HEAD_USERNAME,
    LEAD_TRAINER_USERNAME,
    TRAINER_USERNAME,
    TRAINING_ADMIN_USERNAME,
)
from lms import roles

User = get_user_model()

NON_ADMINS = {
    "employee": EMPLOYEE_USERNAME,
    "trainer": TRAINER_USERNAME,
    "lead trainer": LEAD_TRAINER_USERNAME,
    "head": HEAD_USERNAME,
    "training admin": TRAINING_ADMIN_USERNAME,
}
NEW_PASSWORD = "Uebernommen-2026!"
INTRUDER_EMAIL = "eindringling@angreifer.example"

# URL names of the admin pages that touch accounts; each must be walked below.
ACCOUNT_URL_NAMES = (
    "auth_user_",
    "auth_group_",
    "authtoken_",
    "wagtailusers_",
    "wagtail_bulk_action",
    "admin:autocomplete",
)


def accounts_state():
    """Everything that decides who can log in as whom, with which rights.

    Plain rows, not model instances: it is compared after every request."""
    return (
        list(
            User.objects.order_by("pk").values_list(
                "pk",
                "username",
                "password",
                "email",
                "first_name",
                "last_name",
                "is_active",
                "is_staff",
                "is_superuser",
            )
        ),
        list(User.groups.through.objects.order_by("pk").values_list("user", "group")),
        list(
            User.user_permissions.through.objects.order_by("pk").values_list(
                "user", "permission"
            )
        ),
        list(Group.objects.order_by("pk").values_list("pk", "name")),
        list(
            Group.permissions.through.objects.order_by("pk").values_list(
                "group", "permission"
            )
        ),
        sorted(Token.objects.values_list("key", "user_id")),
    )


class _FormFields(HTMLParser):
    """The fields a browser would submit with the largest POST form of a page."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = []
            self.forms.append(self._form)
        if self._form is None or ("name" not in a and tag != "option"):
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file", "image"):
                self._form.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._form.append((self._select, a.get("value") or ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form.append((a["name"], ""))

    def handle_data(self, data):
        if self._textarea and self._form:
            name, value = self._form[-1]
            self._form[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_payload(client, url: str, **overrides) -> dict:
    """Submit-ready data of the form at `url` (as an administrator sees it)."""
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _FormFields()
    parser.feed(response.content.decode())
    fields = max(parser.forms, key=len)
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    data.update({k: v if isinstance(v, list) else [v] for k, v in overrides.items()})
    return data


def attempts(admin_client, admin, victim):
    """(url name, url, POST data or None for a GET) for every account page."""
    admin_group = Group.objects.get(name=roles.GROUP_NAMES[roles.ADMIN])
    own_group = Group.objects.get(name=roles.GROUP_NAMES[roles.TRAINING_ADMIN])
    # The permissions that manage accounts: the ones to grant oneself.
    user_admin_permissions = [
        str(pk)
        for pk in Permission.objects.filter(
            content_type__app_label="auth",
            codename__regex=r"^(add|change|delete)_(user|group)$",
        ).values_list("pk", flat=True)
    ]
    password = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    promote = {
        "is_superuser": "on",
        "is_staff": "on",
        "groups": [str(admin_group.pk)],
    }
    # Tokens of the DRF admin are keyed by their user.
    Token.objects.get_or_create(user=admin)
    u, g, t = "/admin/auth/user", "/admin/auth/group", "/admin/authtoken/tokenproxy"
    wu, wg = "/cms/users", "/cms/groups"
    bulk = f"/cms/bulk/{User._meta.app_label}/{User._meta.model_name}"
    on_victim = f"?id={victim.pk}"
    django_user = form_payload(admin_client, f"{u}/{victim.pk}/change/", **promote)
    django_admin = form_payload(
        admin_client, f"{u}/{admin.pk}/change/", email=INTRUDER_EMAIL
    )
    wagtail_user = form_payload(admin_client, f"{wu}/edit/{victim.pk}/", **promote)
    wagtail_admin = form_payload(admin_client, f"{wu}/edit/{admin.pk}/", **password)
    return [
        ("admin:auth_user_changelist", f"{u}/", None),
        (
            "admin:auth_user_changelist",
            f"{u}/",
            {"action": "delete_selected", "_selected_action": victim.pk, "post": "yes"},
        ),
        ("admin:auth_user_add", f"{u}/add/", None),
        (
            "admin:auth_user_add",
            f"{u}/add/",
            {"username": "eindringling", "usable_password": "true", **password},
        ),
        ("admin:auth_user_change", f"{u}/{admin.pk}/change/", None),
        ("admin:auth_user_change", f"{u}/{victim.pk}/change/", django_user),
        ("admin:auth_user_change", f"{u}/{admin.pk}/change/", django_admin),
        ("admin:auth_user_password_change", f"{u}/{admin.pk}/password/", None),
        (
            "admin:auth_user_password_change",
            f"{u}/{admin.pk}/password/",
            {"usable_password": "true", **password},
        ),
        ("admin:auth_user_history", f"{u}/{admin.pk}/history/", None),
        ("admin:auth_user_delete", f"{u}/{victim.pk}/delete/", None),
        ("admin:auth_user_delete", f"{u}/{victim.pk}/delete/", {"post": "yes"}),
        ("admin:auth_group_changelist", f"{g}/", None),
        (
            "admin:auth_group_changelist",
            f"{g}/",
            {
                "action": "delete_selected",
                "_selected_action": admin_group.pk,
                "post": "yes",
            },
        ),
        ("admin:auth_group_add", f"{g}/add/", None),
        (
            "admin:auth_group_add",
            f"{g}/add/",
            {"name": "Hintertür", "permissions": user_admin_permissions},
        ),
        ("admin:auth_group_change", f"{g}/{own_group.pk}/change/", None),
        (
            "admin:auth_group_change",
            f"{g}/{own_group.pk}/change/",
            {"name": own_group.name, "permissions": user_admin_permissions},
        ),
        ("admin:auth_group_history", f"{g}/{admin_group.pk}/history/", None),
        ("admin:auth_group_delete", f"{g}/{admin_group.pk}/delete/", None),
        ("admin:auth_group_delete", f"{g}/{admin_group.pk}/delete/", {"post": "yes"}),
        ("admin:authtoken_tokenproxy_changelist", f"{t}/", None),
        ("admin:authtoken_tokenproxy_add", f"{t}/add/", None),
        ("admin:authtoken_tokenproxy_add", f"{t}/add/", {"user": victim.pk}),
        ("admin:authtoken_tokenproxy_change", f"{t}/{admin.pk}/change/", None),
        ("admin:authtoken_tokenproxy_history", f"{t}/{admin.pk}/history/", None),
        ("admin:authtoken_tokenproxy_delete", f"{t}/{admin.pk}/delete/", None),
        (
            "admin:authtoken_tokenproxy_delete",
            f"{t}/{admin.pk}/delete/",
            {"post": "yes"},
        ),
        (
            "admin:autocomplete",
            "/admin/autocomplete/?app_label=lms&model_name=staffprofile"
            "&field_name=user&term=adm",
            None,
        ),
        ("wagtailusers_users:index", f"{wu}/", None),
        ("wagtailusers_users:index_results", f"{wu}/results/", None),
        ("wagtailusers_users:add", f"{wu}/new/", None),
        (
            "wagtailusers_users:add",
            f"{wu}/new/",
            form_payload(
                admin_client,
                f"{wu}/new/",
                username="eindringling",
                email=INTRUDER_EMAIL,
                first_name="Ein",
                last_name="Dringling",
                **password,
                **promote,
            ),
        ),
        ("wagtailusers_users:edit", f"{wu}/edit/{admin.pk}/", None),
        ("wagtailusers_users:edit", f"{wu}/edit/{victim.pk}/", wagtail_user),
        ("wagtailusers_users:edit", f"{wu}/edit/{admin.pk}/", wagtail_admin),
        ("wagtailusers_users:delete", f"{wu}/delete/{victim.pk}/", None),
        ("wagtailusers_users:delete", f"{wu}/delete/{victim.pk}/", {}),
        ("wagtailusers_users:history", f"{wu}/history/{admin.pk}/", None),
        (
            "wagtailusers_users:history_results",
            f"{wu}/history-results/{admin.pk}/",
            None,
        ),
        ("wagtailusers_users:usage", f"{wu}/usage/{admin.pk}/", None),
        ("wagtailusers_users:copy", f"{wu}/copy/{admin.pk}/", None),
        (
            "wagtailusers_users:copy",
            f"{wu}/copy/{admin.pk}/",
            form_payload(
                admin_client,
                f"{wu}/copy/{admin.pk}/",
                username="zweitadmin",
                email=INTRUDER_EMAIL,
                **password,
                **promote,
            ),
        ),
        ("wagtailusers_groups:index", f"{wg}/", None),
        ("wagtailusers_groups:index_results", f"{wg}/results/", None),
        ("wagtailusers_groups:add", f"{wg}/new/", None),
        (
            "wagtailusers_groups:add",
            f"{wg}/new/",
            form_payload(
                admin_client,
                f"{wg}/new/",
                name="Hintertür",
                permissions=user_admin_permissions,
            ),
        ),
        ("wagtailusers_groups:edit", f"{wg}/edit/{own_group.pk}/", None),
        (
            "wagtailusers_groups:edit",
            f"{wg}/edit/{own_group.pk}/",
            form_payload(
                admin_client,
                f"{wg}/edit/{own_group.pk}/",
                permissions=user_admin_permissions,
            ),
        ),
        ("wagtailusers_groups:delete", f"{wg}/delete/{admin_group.pk}/", None),
        ("wagtailusers_groups:delete", f"{wg}/delete/{admin_group.pk}/", {}),
        ("wagtailusers_groups:history", f"{wg}/history/{admin_group.pk}/", None),
        (
            "wagtailusers_groups:history_results",
            f"{wg}/history-results/{admin_group.pk}/",
            None,
        ),
        ("wagtailusers_groups:usage", f"{wg}/usage/{admin_group.pk}/", None),
        ("wagtail_bulk_action", f"{bulk}/assign_role/{on_victim}", None),
        (
            "wagtail_bulk_action",
            f"{bulk}/assign_role/{on_victim}",
            {"role": admin_group.pk},
        ),
        ("wagtail_bulk_action", f"{bulk}/set_active_state/{on_victim}", None),
        (
            "wagtail_bulk_action",
            f"{bulk}/set_active_state/{on_victim}",
            {"mark_as_active": "False"},
        ),
        ("wagtail_bulk_action", f"{bulk}/delete/{on_victim}", None),
        ("wagtail_bulk_action", f"{bulk}/delete/{on_victim}", {}),
    ]


def account_url_names() -> set[str]:
    """Names of the /admin/ and /cms/ URL patterns that touch accounts."""
    found = set()

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}{p.name}"
                route = prefix + str(p.pattern)
                if route.startswith(("admin/", "cms/")) and any(
                    part in name for part in ACCOUNT_URL_NAMES
                ):
                    found.add(name)

    walk(get_resolver().url_patterns, "", "")
    return found


def refusal(response) -> str | None:
    """None if the response refuses; else what it did instead."""
    if response.status_code in (403, 404):
        return None
    if response.status_code == 302:
        target = urlparse(response["Location"]).path
        logins = {
            reverse("login"),
            reverse("admin:login"),
            reverse("wagtailadmin_login"),
        }
        # Wagtail refuses a logged-in editor by sending them back to its dashboard.
        if target in logins | {reverse("wagtailadmin_home")}:
            return None
        return f"302 nach {target}"
    return f"Status {response.status_code}"


@pytest.mark.django_db
def test_no_role_below_administration_holds_an_auth_permission(demo_town):
    for role, group_name in roles.GROUP_NAMES.items():
        if role == roles.ADMIN:
            continue
        held = Group.objects.get(name=group_name).permissions.filter(
            content_type__app_label__in=["auth", "authtoken"]
        )
        assert list(held) == [], group_name
    for username in NON_ADMINS.values():
        user = User.objects.get(username=username)
        assert not user.is_superuser, username
        perms = user.get_all_permissions()
        assert not [p for p in perms if p.startswith(("auth.", "authtoken."))], username


def test_no_account_page_of_the_admins_lets_a_non_administrator_change_anything(
    demo_town,
):
    admin = User.objects.get(username=ADMIN_USERNAME)
    victim = User.objects.get(username=EMPLOYEE_USERNAME)
    admin_client = Client()
    admin_client.force_login(admin)
    walk = attempts(admin_client, admin, victim)
    assert account_url_names() - {name for name, _url, _data in walk} == set(), (
        "Seiten der Benutzerverwaltung ohne Prüfung"
    )

    problems = []
    before = accounts_state()
    for role, username in NON_ADMINS.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for _name, url, data in walk:
            method = "GET" if data is None else "POST"
            response = client.get(url) if data is None else client.post(url, data)
            outcome = refusal(response)
            if outcome:
                problems.append(f"{role}: {method} {url} → {outcome}")
            if accounts_state() != before:
                problems.append(f"{role}: {method} {url} hat Konten geändert")
                before = accounts_state()
    assert problems == [], "\n".join(problems)

    # The same POSTs by an administrator work: they are real attempts.
    for _name, url, data in walk:
        if data is None:
            continue
        # A rolled-back change of the own password would end the session.
        admin_client.force_login(admin)
        with transaction.atomic():
            admin_client.post(url, data)
            changed = accounts_state() != before
            transaction.set_rollback(True)
        assert changed, f"POST {url} ändert auch als Administration nichts"


def api_urls() -> list[str]:
    """Every /api/v1/ URL, with made-up path arguments."""
    samples = {
        "int": 1,
        "id": 1,
        "uuid": uuid.uuid4(),
        "string": "x",
        "slug": "x",
        "path": "x",
    }
    found = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif prefix.startswith("api/v1/") and p.name:
                kwargs = {
                    arg: samples[
                        type(converter).__name__.removesuffix("Converter").lower()
                    ]
                    for arg, converter in p.pattern.converters.items()
                }
                found.append(reverse(f"{namespace}{p.name}", kwargs=kwargs))

    walk(get_resolver().url_patterns, "", "")
    return found


def test_no_api_endpoint_changes_an_account(demo_town):
    """The API has no endpoint that writes accounts; none can be talked into it."""
    admin = User.objects.get(username=ADMIN_USERNAME)
    admin_group = Group.objects.get(name=roles.GROUP_NAMES[roles.ADMIN])
    hostile = {
        "username": ADMIN_USERNAME,
        "password": NEW_PASSWORD,
        "email": INTRUDER_EMAIL,
        "is_superuser": True,
        "is_staff": True,
        "is_active": False,
        "groups": [admin_group.pk],
        "roles": [roles.ADMIN],
        "user": admin.pk,
        "user_id": admin.pk,
    }
    tokens = {
        role: Token.objects.get_or_create(user=User.objects.get(username=name))[0]
        for role, name in NON_ADMINS.items()
    }
    urls = api_urls()
    assert "/api/v1/me/" in urls and "/api/v1/org/units/" in urls

    problems = []
    before = accounts_state()
    for role, token in tokens.items():
        client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
        for url in urls:
            for method in ("post", "put", "patch", "delete"):
                response = getattr(client, method)(
                    url, hostile, content_type="application/json"
                )
                if url in ("/api/v1/me/", "/api/v1/org/units/") and (
                    response.status_code not in (403, 405)
                ):
                    problems.append(f"{role}: {method} {url} → {response.status_code}")
                if accounts_state() != before:
                    problems.append(f"{role}: {method} {url} hat Konten geändert")
                    before = accounts_state()
    assert problems == [], "\n".join(problems)
