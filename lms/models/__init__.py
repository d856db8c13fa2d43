from lms.models.org import OrgUnit, StaffProfile

__all__ = ["OrgUnit", "StaffProfile"]
