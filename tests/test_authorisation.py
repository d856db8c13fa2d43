"""Every URL pattern of the project, requested in every role, against an explicit table.

Each app keeps its rows in `tests/<app>/access*.py` (`EXPECTED`, optional `KWARGS`
and `PAGES` for paths served by Wagtail). A named pattern of our apps without a row
fails this test; so does a row whose URL no longer exists. Third-party URL sets
(Django admin, Wagtail admin, …) are checked at their entry point.
"""

import importlib
import pkgutil

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.support.access import ANONYMOUS, ROLE_USERNAMES, ROLES, row

OUR_APPS = ("config", "lms", "courses", "sandbox", "analytics", "exchange")

# The foundation's own rows (lms, without the learning core's module).
EXPECTED = {
    "home": row(302, 200, 200, 200, 200, 200),
    "healthz": row(200, 200, 200, 200, 200, 200),
    "healthz_live": row(200, 200, 200, 200, 200, 200),
    "login": row(200, 302, 302, 302, 302, 302),
    "logout": row(405, 405, 405, 405, 405, 405),  # logout is POST only
    "password_change": row(302, 200, 200, 200, 200, 200),
    "password_change_done": row(302, 200, 200, 200, 200, 200),
    "password_reset": row(200, 200, 200, 200, 200, 200),
    "password_reset_done": row(200, 200, 200, 200, 200, 200),
    "password_reset_confirm": row(200, 200, 200, 200, 200, 200),  # shows "invalid link"
    "password_reset_complete": row(200, 200, 200, 200, 200, 200),
    "org_overview": row(302, 403, 403, 403, 200, 200),
    "staff_import": row(302, 403, 403, 403, 200, 200),
    "api-token": row(405, 405, 405, 405, 405, 405),  # POST only; tested in test_api
    "api-me": row(401, 200, 200, 200, 200, 200),
    "api-org-units": row(401, 403, 403, 403, 200, 200),
    "api-schema": row(200, 200, 200, 200, 200, 200),  # the API contract is public
    "api-docs": row(200, 200, 200, 200, 200, 200),
    "api-not-found": row(404, 404, 404, 404, 404, 404),  # JSON, any method
    # Wagtail's password form of a restricted page (none here: test_person_pages.py)
    # and its sign-in, which leads to ours.
    "wagtailcore_authenticate_with_password": row(404, 404, 404, 404, 404, 404),
    "wagtailcore_login": row(302, 302, 302, 302, 302, 302),
    # Third-party URL sets, by mount point.
    # Django's admin is for administrators only: everybody else goes to its login.
    "mount:admin/": row(302, 302, 302, 302, 302, 200),
    "mount:cms/": row(302, 302, 200, 302, 200, 200),
    "mount:i18n/": row(302, 302, 302, 302, 302, 302),  # GET set_language: back
    "mount:dokumente/": row(404, 404, 404, 404, 404, 404),
}
KWARGS = {
    "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
    "wagtailcore_authenticate_with_password": {
        "page_view_restriction_id": 999999,
        "page_id": 999999,
    },
}
MOUNT_PATHS = {
    "mount:i18n/": "/i18n/setlang/",
    "mount:dokumente/": "/dokumente/0/x.pdf",
}


def app_tables():
    """EXPECTED/KWARGS/PAGES from every tests/<app>/access*.py module."""
    expected, kwargs, pages = dict(EXPECTED), dict(KWARGS), {}
    for package in pkgutil.iter_modules(tests.__path__):
        if not package.ispkg or package.name == "support":  # helpers, not a table
            continue
        sub = importlib.import_module(f"tests.{package.name}")
        for module in pkgutil.iter_modules(sub.__path__):
            if module.name.startswith("access"):
                table = importlib.import_module(f"tests.{package.name}.{module.name}")
                overlap = set(expected) & set(table.EXPECTED)
                assert not overlap, f"doppelte Einträge: {overlap}"
                expected.update(table.EXPECTED)
                kwargs.update(getattr(table, "KWARGS", {}))
                pages.update(getattr(table, "PAGES", {}))
    return expected, kwargs, pages


def project_patterns():
    """Names of our URL patterns, and 'mount:<prefix>' for third-party URL sets."""
    found = set()

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                route = prefix + str(p.pattern)
                module = p.urlconf_name
                if isinstance(module, list):  # include([...]): ours unless namespaced
                    is_ours = p.namespace is None
                else:
                    name = module if isinstance(module, str) else module.__name__
                    is_ours = name.startswith(OUR_APPS)
                if not is_ours:
                    if route:  # the catch-all Wagtail page route is covered by PAGES
                        found.add(f"mount:{route}")
                    continue
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, route, ns)
            elif isinstance(p, URLPattern):
                if p.name == "wagtail_serve":  # Wagtail's page route with the
                    continue  # cached route (courses/views.py): covered by PAGES
                assert p.name, f"URL ohne Namen: {prefix}{p.pattern}"
                found.add(f"{namespace}{p.name}")

    walk(get_resolver().url_patterns, "", "")
    return found


@pytest.mark.django_db(transaction=True)
def test_every_url_in_every_role_matches_the_table(demo_town, django_user_model):
    expected, kwargs, pages = app_tables()
    patterns = project_patterns()
    assert patterns - set(expected) == set(), "URLs ohne Eintrag in der Tabelle"
    assert set(expected) - patterns == set(), "Einträge für URLs, die es nicht gibt"

    clients = {ANONYMOUS: Client()}
    for role, username in ROLE_USERNAMES.items():
        clients[role] = Client()
        clients[role].force_login(django_user_model.objects.get(username=username))

    urls = {}
    for name in expected:
        if name.startswith("mount:"):
            urls[name] = MOUNT_PATHS.get(name, "/" + name.removeprefix("mount:"))
        else:
            urls[name] = reverse(name, kwargs=kwargs.get(name))
    urls.update({path: path for path in pages})
    expected = {**expected, **pages}

    mismatches = []
    for key, url in sorted(urls.items()):
        for role in ROLES:
            status = clients[role].get(url).status_code
            if status != expected[key][role]:
                mismatches.append(
                    f"{key} {url} als {role}: {status}, erwartet {expected[key][role]}"
                )
    assert mismatches == [], "\n".join(mismatches)
