"""Registers the sandbox upload, overview and review in the Wagtail admin (/cms/)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from common import converters  # noqa: F401 (registers <id:…>)

from . import admin_views
from .models import PUBLISH_PERMISSION

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<str:process_id>/", admin_views.detail, name="detail"),
    path(
        "<str:process_id>/<id:version>/freigeben/",
        admin_views.approve,
        name="approve",
    ),
    path("<str:process_id>/<id:version>/ablehnen/", admin_views.reject, name="reject"),
]


@hooks.register("register_admin_urls")
def register_sandbox_admin_urls():
    return [
        path(
            "uebungsraeume/",
            include((admin_urlpatterns, "sandbox_admin"), namespace="sandbox_admin"),
        )
    ]


class UploadMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_sandbox_menu_item():
    return UploadMenuItem(
        _("Übungsräume"),
        reverse("sandbox_admin:index"),
        name="uebungsraeume",
        icon_name="site",
        order=800,
    )


@hooks.register("construct_homepage_panels")
def add_pending_packages_panel(request, panels):
    if request.user.has_perm(PUBLISH_PERMISSION):
        panels.append(admin_views.PendingPackagesPanel())
