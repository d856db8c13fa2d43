from lms.views.compliance import compliance_csv_view, compliance_view
from lms.views.learning import (
    acknowledge_view,
    certificate_pdf_view,
    certificates_view,
    course_enrol_view,
    lesson_complete_view,
    my_data_json_view,
    my_data_view,
    my_training_view,
    notifications_view,
    quiz_submit_view,
    verify_view,
)
from lms.views.org import (
    healthz,
    healthz_live,
    home,
    org_overview,
    page_not_found,
    permission_denied,
)

__all__ = [
    "acknowledge_view",
    "certificate_pdf_view",
    "certificates_view",
    "compliance_csv_view",
    "compliance_view",
    "course_enrol_view",
    "healthz",
    "healthz_live",
    "home",
    "lesson_complete_view",
    "my_data_json_view",
    "my_data_view",
    "my_training_view",
    "notifications_view",
    "org_overview",
    "page_not_found",
    "permission_denied",
    "quiz_submit_view",
    "verify_view",
]
