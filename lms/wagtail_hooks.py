"""Wagtail admin hooks of the learning core.

- Lotse's editing room: Lotse's colours (our stylesheet), a way back to Lotse from
  every CMS page, and a dashboard with my drafts, what waits for my review (with
  its impact on learners) and learners per course (counts only).
- Administrators can also change roles in Wagtail's user editor. Roles are groups,
  and a person's roles decide which assignment rules apply, so every place that
  changes them asks for a rule run for those people. The user editor is closed to
  everyone else: no role below Administration holds an `auth` permission.
"""

from django.contrib.auth import get_user_model
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from courses.selectors import editing as editing_selectors
from lms.cms_dashboard import AwaitingMyReviewPanel, CourseLearnersPanel, MyDraftsPanel
from lms.services.rules import rules_apply_queue

# Wagtail's own panels that ours replace: its review list offers a one-click
# "approve" that skips the impact, and "recent edits" is our "Meine Entwürfe".
REPLACED_PANELS = {"workflow_objects_to_moderate", "recent_edits"}


@hooks.register("insert_global_admin_css")
def lotse_admin_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("lotse-admin.css"))


@hooks.register("register_admin_menu_item")
def back_to_lotse_menu_item():
    return MenuItem(
        _("Zurück zu Lotse"),
        reverse("home"),
        name="zurueck-zu-lotse",
        icon_name="arrow-left",
        order=1,
    )


@hooks.register("construct_homepage_panels")
def lotse_dashboard_panels(request, panels) -> None:
    panels[:] = [
        panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS
    ]
    panels.append(
        AwaitingMyReviewPanel(editing_selectors.pages_awaiting_review(request.user))
    )
    panels.append(MyDraftsPanel())
    panels.append(CourseLearnersPanel())
    panels.sort(key=lambda panel: getattr(panel, "order", 1000))


@hooks.register("after_create_user")
@hooks.register("after_edit_user")
def rules_apply_for_user(request, user) -> None:
    """A person was created or edited in Wagtail (groups, admin flag)."""
    rules_apply_queue(user_ids=[user.pk])


@hooks.register("after_bulk_action")
def rules_apply_after_role_assigned(request, action_type, objects, action) -> None:
    """Wagtail's bulk action "assign role" adds a group to many people at once."""
    if action_type == "assign_role" and action.model is get_user_model():
        rules_apply_queue(user_ids=[user.pk for user in objects])
