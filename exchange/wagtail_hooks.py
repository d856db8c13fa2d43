"""Registers course export, "Kurs übernehmen" and update review in the Wagtail admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from common import converters  # noqa: F401 (registers <id:…>)
from courses.models import CoursePage

from . import admin_views, selectors

admin_urlpatterns = [
    path("", admin_views.adopt, name="adopt"),
    path("kurs/<id:course_id>/export/", admin_views.export, name="export"),
    path("aktualisierung/<id:update_id>/", admin_views.update, name="update"),
]


@hooks.register("register_admin_urls")
def register_exchange_admin_urls():
    return [
        path(
            "kursaustausch/",
            include((admin_urlpatterns, "exchange_admin"), namespace="exchange_admin"),
        )
    ]


class AdoptMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.may_adopt_courses(request.user)


@hooks.register("register_admin_menu_item")
def register_adopt_menu_item():
    return AdoptMenuItem(
        _("Kurs übernehmen"),
        reverse("exchange_admin:adopt"),
        name="kurs-uebernehmen",
        icon_name="download",
        order=810,
    )


class ExportButton(PageMenuItem):
    label = _("Kurs exportieren")
    icon_name = "download"

    @property
    def url(self):
        return reverse("exchange_admin:export", kwargs={"course_id": self.page.pk})

    def is_shown(self, user):
        return issubclass(self.page.specific_class or type(None), CoursePage) and (
            self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def course_export_header_button(page, user, view_name, next_url=None):
    yield ExportButton(page=page, priority=75)


@hooks.register("register_page_listing_more_buttons")
def course_export_listing_button(page, user, next_url=None):
    yield ExportButton(page=page, priority=75)
