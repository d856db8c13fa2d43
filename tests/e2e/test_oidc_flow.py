"""Sign-in with the data centre's identity provider: the full authorization-code
flow in Chromium against a real OpenID Connect provider (django-oidc-provider in
a second Django project, started for this module on a free port)."""

import re

import pytest
from django.contrib.auth import get_user_model

from lms import roles
from lms.models import DirectoryAccount
from lms.selectors.staff import account_roles
from tests.support import oidc
from tests.support.browser import screenshot
from tests.support.factories import OrgUnitFactory, StaffProfileFactory
from tests.support.services import require_service

User = get_user_model()
PEOPLE = [
    {
        "username": "olga.oidc",
        "password": "rechenzentrum-1",
        "first_name": "Olga",
        "last_name": "Offen",
        "email": "olga.offen@musterstadt.example",
        "personnel_number": "R2001",
        "unit": "bauaufsicht",
        "groups": ["lotse-trainer"],
    },
    {
        "username": "lutz.leaver",
        "password": "rechenzentrum-2",
        "first_name": "Lutz",
        "last_name": "Leaver",
        "email": "lutz.leaver@musterstadt.example",
        "personnel_number": "R2002",
        "unit": "bauaufsicht",
        "groups": [],
    },
]


@pytest.fixture(scope="module")
def provider(live_server):
    if not oidc.available():
        yield None
        return
    server = oidc.OidcProvider(
        redirect_uri=f"{live_server.url}/konto/dienstkonto/zurueck/", people=PEOPLE
    ).start()
    yield server
    server.stop()


@pytest.fixture
def oidc_site(provider, live_server, settings, transactional_db):
    require_service(
        provider is not None,
        "OpenID-Connect-Provider (django-oidc-provider)",
        "pip install -c constraints.txt -e '.[dev]'",
    )
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = oidc.CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = oidc.CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid email profile lotse"
    settings.OIDC_ROLE_CLAIM = "groups"
    settings.OIDC_ROLE_GROUPS = "Schulungsteam=lotse-trainer"
    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "lms.backends.OidcBackend",
        "lms.backends.AccountBackend",
    ]
    OrgUnitFactory(code="bauaufsicht", name="Bauaufsicht")
    return live_server.url


@pytest.fixture
def oidc_page(browser):
    context = browser.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def sign_in_at_provider(page, site: str, username: str, password: str) -> None:
    page.goto(f"{site}/konto/anmelden/")
    page.get_by_role("link", name="Mit Dienstkonto anmelden").click()
    page.wait_for_url(re.compile(r"/anmelden/\?next=/openid/authorize"))
    assert "Anmeldung beim Rechenzentrum" in page.content()  # the provider's page
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def test_sign_in_with_the_service_account_creates_the_person(oidc_site, oidc_page):
    sign_in_at_provider(oidc_page, oidc_site, "olga.oidc", "rechenzentrum-1")
    oidc_page.wait_for_url(f"{oidc_site}/")
    screenshot(oidc_page, "oidc-signed-in")
    assert "Olga" in oidc_page.content()
    user = User.objects.get(email="olga.offen@musterstadt.example")
    assert (user.first_name, user.last_name) == ("Olga", "Offen")
    assert user.username == "olga.oidc" and not user.has_usable_password()
    assert user.staff.personnel_number == "R2001"
    assert user.staff.org_unit.code == "bauaufsicht"
    assert account_roles(user) == {roles.TRAINER}
    account = DirectoryAccount.objects.get(user=user)
    assert account.source == "oidc" and account.subject


def test_a_leaver_is_refused_after_the_provider_let_them_in(oidc_site, oidc_page):
    import datetime as dt

    leaver = StaffProfileFactory(
        personnel_number="R2002", user__username="lutz.leaver", left_on=dt.date.today()
    )
    leaver.user.is_active = False
    leaver.user.save()
    sign_in_at_provider(oidc_page, oidc_site, "lutz.leaver", "rechenzentrum-2")
    oidc_page.wait_for_url(f"{oidc_site}/konto/anmelden/")
    assert "als ausgeschieden vermerkt" in oidc_page.content()
    assert not DirectoryAccount.objects.filter(user=leaver.user).exists()
