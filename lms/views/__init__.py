from lms.views.org import (
    healthz,
    home,
    org_overview,
    page_not_found,
    permission_denied,
    staff_import_view,
)

__all__ = [
    "healthz",
    "home",
    "org_overview",
    "page_not_found",
    "permission_denied",
    "staff_import_view",
]
