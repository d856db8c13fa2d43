"""The login page and the sign-in with the data centre's identity provider.

"Mit Dienstkonto anmelden" starts mozilla-django-oidc's authorization-code flow
(with PKCE and a nonce) at the provider named by `OIDC_ISSUER`; the callback lets
`lms.backends.OidcBackend` create or update the person.
"""

from django.contrib import messages
from django.contrib.auth.views import LoginView
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from lms.backends import REFUSED_FLAG, UNAVAILABLE_FLAG
from lms.directory import DirectoryUnavailable
from lms.directory.oidc import oidc_discovery, oidc_enabled
from lms.forms import LoginForm


class LotseLoginView(LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc_enabled()
        return context


def _provider_unavailable(request):
    messages.error(
        request,
        _(
            "Der Anmeldedienst (Dienstkonto) ist gerade nicht erreichbar. Bitte "
            "versuchen Sie es in einigen Minuten noch einmal."
        ),
    )
    return redirect("login")


class OidcStartView(OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        # The parent reads the endpoint here; ours comes from discovery in get().
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not oidc_enabled():
            raise Http404
        try:
            config = oidc_discovery()
        except DirectoryUnavailable:
            return _provider_unavailable(request)
        self.OIDC_OP_AUTH_ENDPOINT = config["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        return super().get(request)


class OidcCallbackView(OIDCAuthenticationCallbackView):
    def login_failure(self):
        request = self.request
        if getattr(request, UNAVAILABLE_FLAG, False):
            return _provider_unavailable(request)
        refusal = getattr(request, REFUSED_FLAG, "")
        messages.error(
            request,
            refusal or _("Die Anmeldung mit dem Dienstkonto ist fehlgeschlagen."),
        )
        return redirect("login")
