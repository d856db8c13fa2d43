"""The roles of the authorisation table and the demo login of each.

`row(...)` states the expected HTTP status per role, in the order of `ROLES`; the
tables live in `tests/<app>/access*.py` and are read by tests/test_authorisation.py.
"""

from demo.accounts import (
    ADMIN_USERNAME,
    EMPLOYEE_USERNAME,
    HEAD_USERNAME,
    TRAINER_USERNAME,
    TRAINING_ADMIN_USERNAME,
)
from lms import roles

ANONYMOUS = "anonymous"
ROLES = [
    ANONYMOUS,
    roles.EMPLOYEE,
    roles.TRAINER,
    roles.HEAD,
    roles.TRAINING_ADMIN,
    roles.ADMIN,
]

ROLE_USERNAMES = {
    roles.EMPLOYEE: EMPLOYEE_USERNAME,
    roles.TRAINER: TRAINER_USERNAME,
    roles.HEAD: HEAD_USERNAME,
    roles.TRAINING_ADMIN: TRAINING_ADMIN_USERNAME,
    roles.ADMIN: ADMIN_USERNAME,
}


def row(anonymous, employee, trainer, head, training_admin, admin) -> dict[str, int]:
    """Expected status per role: anonymous, employee, trainer, head, training admin, admin."""
    return dict(
        zip(
            ROLES,
            [anonymous, employee, trainer, head, training_admin, admin],
            strict=True,
        )
    )
