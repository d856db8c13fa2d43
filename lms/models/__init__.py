from lms.models.learning import (
    Acknowledgement,
    AssignmentRule,
    Certificate,
    Enrolment,
    Exemption,
    LearningEvent,
    LessonProgress,
    Notification,
    QuizAttempt,
)
from lms.models.org import OrgUnit, StaffProfile

__all__ = [
    "Acknowledgement",
    "AssignmentRule",
    "Certificate",
    "Enrolment",
    "Exemption",
    "LearningEvent",
    "LessonProgress",
    "Notification",
    "OrgUnit",
    "QuizAttempt",
    "StaffProfile",
]
