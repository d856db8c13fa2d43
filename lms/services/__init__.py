from lms.services.certificates import certificate_issue, certificate_pdf
from lms.services.learning import (
    LearningError,
    RulesResult,
    acknowledgement_give,
    assignment_rule_delete,
    assignment_rule_save,
    course_completion_evaluate,
    enrolment_create,
    exemption_create,
    learning_events_delete_expired,
    lesson_complete,
    quiz_attempt_submit,
    rules_apply,
)
from lms.services.org import ImportResult, staff_import, user_set_roles
from lms.services.reminders import notifications_mark_read, reminders_send_due

__all__ = [
    "ImportResult",
    "LearningError",
    "RulesResult",
    "acknowledgement_give",
    "assignment_rule_delete",
    "assignment_rule_save",
    "certificate_issue",
    "certificate_pdf",
    "course_completion_evaluate",
    "enrolment_create",
    "exemption_create",
    "learning_events_delete_expired",
    "lesson_complete",
    "notifications_mark_read",
    "quiz_attempt_submit",
    "reminders_send_due",
    "rules_apply",
    "staff_import",
    "user_set_roles",
]
