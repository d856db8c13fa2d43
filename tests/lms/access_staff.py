"""Authorisation table of the staff page (see tests/test_authorisation.py).

The person below does not exist: training admins and administrators get 404, the
other roles are refused before any lookup. tests/lms/test_staff_page.py requests
the same pages for a real person in every role.
"""


def row(anonymous, employee, trainer, head, training_admin, admin):
    return {
        "anonymous": anonymous,
        "employee": employee,
        "trainer": trainer,
        "head": head,
        "training_admin": training_admin,
        "admin": admin,
    }


NO_SUCH_PERSON = {"user_id": 999999}

EXPECTED = {
    "staff:list": row(302, 403, 403, 403, 200, 200),
    "staff:edit": row(302, 403, 403, 403, 404, 404),
    "staff:deactivate": row(302, 403, 403, 403, 404, 404),
    "staff:activate": row(302, 403, 403, 403, 405, 405),  # POST only
    "staff:leave": row(302, 403, 403, 403, 404, 404),
    "staff:return": row(302, 403, 403, 403, 405, 405),  # POST only
    "staff:erase": row(302, 403, 403, 403, 403, 404),  # administrators only
}

KWARGS = {
    "staff:edit": NO_SUCH_PERSON,
    "staff:deactivate": NO_SUCH_PERSON,
    "staff:activate": NO_SUCH_PERSON,
    "staff:leave": NO_SUCH_PERSON,
    "staff:return": NO_SUCH_PERSON,
    "staff:erase": NO_SUCH_PERSON,
}
