from lms.models.calendar import CalendarFeed
from lms.models.identity import DirectoryAccount, ErasureRecord
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
from lms.models.staff_import import StaffImportJob

__all__ = [
    "Acknowledgement",
    "AssignmentRule",
    "CalendarFeed",
    "Certificate",
    "DirectoryAccount",
    "Enrolment",
    "ErasureRecord",
    "Exemption",
    "LearningEvent",
    "LessonProgress",
    "Notification",
    "OrgUnit",
    "QuizAttempt",
    "StaffImportJob",
    "StaffProfile",
]
