"""Root URLs: the composition root mounts every app's pages and the API."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import no_such_endpoint
from courses import views as course_views
from lms.forms import QueuedPasswordResetForm
from lms.views.accounts import LotseLoginView, OidcCallbackView, OidcStartView
from lms.views.org import (
    healthz,
    healthz_live,
    home,
    org_overview,
)

account_urls = [
    path("anmelden/", LotseLoginView.as_view(), name="login"),
    path("dienstkonto/", OidcStartView.as_view(), name="oidc_start"),
    path("dienstkonto/zurueck/", OidcCallbackView.as_view(), name="oidc_callback"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("passwort/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "passwort/geaendert/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "passwort-vergessen/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path(
        "passwort-vergessen/gesendet/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort-neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "passwort-neu/fertig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("healthz/live", healthz_live, name="healthz_live"),
    path("konto/", include(account_urls)),
    path("organisation/", org_overview, name="org_overview"),
    path("organisation/einheiten/", include("lms.org_unit_urls")),
    path("organisation/import/", include("lms.staff_import_urls")),
    path("organisation/beschaeftigte/", include("lms.staff_urls")),
    path("organisation/regeln/", include("lms.rules_urls")),
    path("", include("lms.learning_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sandbox/", include("sandbox.urls")),
    path("", include("analytics.urls")),
    path("kursboerse/", include("exchange.urls")),
    path("api/v1/", include("config.api")),
    re_path(r"^api/", no_such_endpoint, name="api-not-found"),
    path("admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the course pages (its view, with the route from the shared cache:
# courses/page_cache.py); it must come last. Where the password form of a restricted
# page posts comes before it (the page pattern would swallow that address), and
# Wagtail's own sign-in, which it must be able to name, leads to ours.
urlpatterns += [
    *(
        p
        for p in wagtail_urls.urlpatterns
        if p.name == "wagtailcore_authenticate_with_password"
    ),
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
        name="wagtailcore_login",
    ),
    re_path(wagtail_urls.serve_pattern, course_views.serve, name="wagtail_serve"),
]

# JSON under /api/, the project's pages elsewhere (see config/api.py).
handler400 = "config.api.bad_request"
handler403 = "config.api.permission_denied"
handler404 = "config.api.page_not_found"
handler500 = "config.api.server_error"
