"""The editing room's review buttons (Wagtail admin hooks of `courses`).

The review is called "Redaktionelle Prüfung" everywhere; Wagtail builds its button
labels from the workflow's name ("In Redaktionelle Prüfung einreichen"), so the
labels are set here as whole German sentences. Approving always opens the dialog
that shows what publishing changes for learners (the impact); the one-click
"Freigeben" without that dialog is removed.
"""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem, WorkflowMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from courses import admin_views
from courses.models import LessonPage

SUBMIT_LABEL = _("Zur redaktionellen Prüfung einreichen")
RESUBMIT_LABEL = _("Erneut zur redaktionellen Prüfung einreichen")
APPROVE_LABEL = _("Auswirkungen ansehen und freigeben")
REJECT_LABEL = _("Änderungen anfordern")


class ReviewSubmitMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = RESUBMIT_LABEL
        else:
            context["label"] = SUBMIT_LABEL
        return context


@hooks.register("construct_page_action_menu")
def review_action_labels(menu_items, request, context) -> None:
    for index, item in reversed(list(enumerate(menu_items))):
        if isinstance(item, SubmitForModerationMenuItem) and not isinstance(
            item, ReviewSubmitMenuItem
        ):
            menu_items[index] = ReviewSubmitMenuItem(order=item.order)
        elif isinstance(item, WorkflowMenuItem) and item.name == "approve":
            if item.launch_modal:
                item.label = APPROVE_LABEL
            else:
                del menu_items[index]
        elif isinstance(item, WorkflowMenuItem) and item.name == "reject":
            item.label = REJECT_LABEL


@hooks.register("register_admin_urls")
def register_quiz_import_url():
    return [
        path(
            "lektionen/<int:page_id>/quizfragen-import/",
            admin_views.quiz_import,
            name="courses_quiz_import",
        )
    ]


@hooks.register("register_page_header_buttons")
def quiz_import_button(page, user, view_name, next_url=None):
    if (
        isinstance(page.specific_deferred, LessonPage)
        and page.permissions_for_user(user).can_edit()
    ):
        yield PageMenuItem(
            _("Quizfragen importieren"),
            reverse("courses_quiz_import", args=(page.pk,)),
            icon_name="download",
            priority=40,
            page=page,
        )


@hooks.register("insert_editor_js")
def exercise_chooser_js() -> str:
    """The case list of the exercise block follows the chosen process."""
    return format_html(
        '<script src="{}"></script>', static("courses/exercise-chooser.js")
    )
