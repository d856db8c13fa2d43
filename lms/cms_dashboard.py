"""The editing room's dashboard (Wagtail admin home): my drafts, what waits for my
review (with what approving changes for learners), and per course how many learners
are in progress and done — counts only, never names, and "< 5" for 1 to 4."""

from wagtail.admin.ui.components import Component

from courses import selectors as courses_selectors
from courses.selectors import editing as editing_selectors
from lms.selectors.publishing import (
    course_learner_counts,
    publish_impact,
    shown_count,
)


class MyDraftsPanel(Component):
    name = "lotse_my_drafts"
    template_name = "lms/cms/my_drafts_panel.html"
    order = 100

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"drafts": editing_selectors.drafts_of_user(request.user)}


class AwaitingMyReviewPanel(Component):
    name = "lotse_awaiting_my_review"
    template_name = "lms/cms/awaiting_review_panel.html"
    order = 90

    def __init__(self, items):
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": [(item, publish_impact(item.page_id)) for item in self.items]}


class CourseLearnersPanel(Component):
    name = "lotse_course_learners"
    template_name = "lms/cms/course_learners_panel.html"
    order = 120

    def get_context_data(self, parent_context):
        courses = courses_selectors.course_summaries()
        counts = course_learner_counts([course["id"] for course in courses])
        rows = []
        for course in courses:
            count = counts.get(course["id"], {})
            rows.append(
                {
                    **course,
                    "in_progress": shown_count(count.get("in_progress", 0)),
                    "completed": shown_count(count.get("completed", 0)),
                }
            )
        return {"rows": rows}
