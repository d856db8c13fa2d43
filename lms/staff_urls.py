"""URLs of the staff page (namespace `staff`), mounted under /organisation/."""

from django.urls import path

from common import converters  # noqa: F401 (registers <id:…>)
from lms.views import staff as views

app_name = "staff"

urlpatterns = [
    path("", views.staff_list_view, name="list"),
    path("<id:user_id>/", views.staff_edit_view, name="edit"),
    path("<id:user_id>/deaktivieren/", views.staff_deactivate_view, name="deactivate"),
    path("<id:user_id>/aktivieren/", views.staff_activate_view, name="activate"),
    path("<id:user_id>/ausgeschieden/", views.staff_leave_view, name="leave"),
    path("<id:user_id>/rueckkehr/", views.staff_return_view, name="return"),
    path("<id:user_id>/loeschen/", views.staff_erase_view, name="erase"),
]
