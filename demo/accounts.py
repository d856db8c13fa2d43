"""The demo logins of Musterstadt and their one password.

Defined once here: the town seed creates these people, the course seed makes the lead
trainer a reviewer, `seed_demo` lists them, and the tests log in with them.
"""

from typing import NamedTuple

from lms import roles

DEMO_PASSWORD = "lotse-demo"
EMAIL_DOMAIN = "musterstadt.example"

ADMIN_USERNAME = "admin"
TRAINER_USERNAME = "trainer"
LEAD_TRAINER_USERNAME = "schulungsleitung"
TRAINING_ADMIN_USERNAME = "personal"
HEAD_USERNAME = "leitung.ordnungsamt"
EMPLOYEE_USERNAME = "erika.mustermann"


class DemoLogin(NamedTuple):
    username: str
    first_name: str
    last_name: str
    unit: str  # code of the org unit the person works in
    job_title: str
    roles: set[str]
    heads: str | None  # code of the org unit the person heads


DEMO_LOGINS = [
    DemoLogin(
        ADMIN_USERNAME,
        "Alex",
        "Admin",
        "it",
        "Systemadministration",
        {roles.ADMIN},
        None,
    ),
    DemoLogin(
        TRAINER_USERNAME,
        "Tina",
        "Trainer",
        "personal",
        "Schulungsteam",
        {roles.TRAINER},
        None,
    ),
    # Lead trainer: the course seed adds the group "Schulungsleitung" (review workflow).
    DemoLogin(
        LEAD_TRAINER_USERNAME,
        "Lena",
        "Leitung",
        "personal",
        "Leitung Schulungsteam",
        {roles.TRAINER},
        None,
    ),
    DemoLogin(
        TRAINING_ADMIN_USERNAME,
        "Paul",
        "Personal",
        "personal",
        "Personalentwicklung",
        {roles.TRAINING_ADMIN},
        None,
    ),
    DemoLogin(
        HEAD_USERNAME,
        "Olaf",
        "Ordnung",
        "ordnungsamt",
        "Amtsleitung",
        {roles.HEAD},
        "ordnungsamt",
    ),
    DemoLogin(
        EMPLOYEE_USERNAME,
        "Erika",
        "Mustermann",
        "ordnungsamt",
        "Sachbearbeitung Hundewesen",
        set(),
        None,
    ),
]
LOGINS_BY_USERNAME = {login.username: login for login in DEMO_LOGINS}


def demo_email(username: str) -> str:
    """The invented address of a demo person (the .example domain never delivers)."""
    return f"{username}@{EMAIL_DOMAIN}"
