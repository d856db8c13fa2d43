from lms.services.org import ImportResult, staff_import, user_set_roles

__all__ = ["ImportResult", "staff_import", "user_set_roles"]
