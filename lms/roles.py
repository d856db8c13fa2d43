"""The five roles of Lotse, as Django groups with their permissions.

A role is a group; leaf apps (courses, sandbox) check plain Django permissions and
never import this module. `sync_groups()` creates the groups and grants exactly the
permissions listed here; it runs after every migrate and is idempotent.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

EMPLOYEE = "employee"
TRAINER = "trainer"
HEAD = "head"
TRAINING_ADMIN = "training_admin"
ADMIN = "admin"

ROLES = [EMPLOYEE, TRAINER, HEAD, TRAINING_ADMIN, ADMIN]

GROUP_NAMES = {
    EMPLOYEE: "Beschäftigte",
    TRAINER: "Schulungsteam",
    HEAD: "Amtsleitung",
    TRAINING_ADMIN: "Personalentwicklung",
    ADMIN: "Administration",
}
ROLE_LABELS = {
    EMPLOYEE: _("Beschäftigte"),
    TRAINER: _("Schulungsteam"),
    HEAD: _("Amtsleitung"),
    TRAINING_ADMIN: _("Personalentwicklung"),
    ADMIN: _("Administration"),
}
ROLE_BY_GROUP = {name: role for role, name in GROUP_NAMES.items()}
# The roles someone below Administration may give on the staff page.
ASSIGNABLE_ROLES = [TRAINER, HEAD, TRAINING_ADMIN]

# No `auth.*` permission for anyone below Administration: with it, Django's and
# Wagtail's user admin let a person set any password or make anyone a superuser.
# The training admin edits people on the staff page under /organisation/.
_ORG_ADMIN = [
    f"lms.{action}_{model}"
    for model in ("orgunit", "staffprofile")
    for action in ("view", "add", "change", "delete")
] + [
    "lms.import_staff",
    "lms.view_assignmentrule",
    "lms.add_assignmentrule",
    "lms.change_assignmentrule",
    "lms.delete_assignmentrule",
    "lms.view_exemption",
    "lms.add_exemption",
    "lms.delete_exemption",
]

# "app_label.codename"; a permission whose app is not installed yet is skipped.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    EMPLOYEE: [],
    TRAINER: ["wagtailadmin.access_admin", "sandbox.upload_processpackage"],
    HEAD: [],
    TRAINING_ADMIN: _ORG_ADMIN
    + [
        "wagtailadmin.access_admin",
        "sandbox.upload_processpackage",
        "exchange.browse_exchange",
    ],
    ADMIN: [],  # administrators are superusers
}

# Lead trainers: trainers who are also in the group "Schulungsleitung", which approves
# course changes in the review workflow of `courses` (that gives it its page rights).
# They also approve sandbox packages, and their own uploads go live directly.
LEAD_TRAINER_GROUP = "Schulungsleitung"
LEAD_TRAINER_PERMISSIONS = ["sandbox.publish_processpackage"]

# An external learning record store's account: reads the learning events as xAPI
# statements (GET /api/v1/xapi/statements/) and nothing else.
LRS_CLIENT_GROUP = "LRS-Client"
LRS_CLIENT_PERMISSIONS = ["exchange.read_xapi_statements"]
# A subscribing town's account at the Kursbörse (catalogue mode): browses the
# catalogue and downloads packages through the API.
EXCHANGE_SUBSCRIBER_GROUP = "Kursbörse-Abonnent"
EXCHANGE_SUBSCRIBER_PERMISSIONS = ["exchange.browse_exchange"]

# Roles that get Django's staff flag: only Administration enters the Django admin
# (config/admin.py). The training admin keeps org units, rules and exemptions on
# the pages under /organisation/; Wagtail's /cms/ asks for its own permission
# `wagtailadmin.access_admin`, not for the flag.
STAFF_ROLES = {ADMIN}


def _permissions(dotted_names: list[str]) -> list[Permission]:
    wanted = []
    for dotted in dotted_names:
        app_label, codename = dotted.split(".", 1)
        wanted.extend(
            Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        )
    return wanted


def sync_groups() -> None:
    """Create the role groups and set their permissions to exactly ROLE_PERMISSIONS;
    give the lead trainers' group LEAD_TRAINER_PERMISSIONS beside its course rights."""
    for role, group_name in GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.set(_permissions(ROLE_PERMISSIONS[role]))
    lead_group, _created = Group.objects.get_or_create(name=LEAD_TRAINER_GROUP)
    # Added, not set: the course review set-up grants this group its other rights.
    lead_group.permissions.add(*_permissions(LEAD_TRAINER_PERMISSIONS))
    lrs_group, _created = Group.objects.get_or_create(name=LRS_CLIENT_GROUP)
    lrs_group.permissions.set(_permissions(LRS_CLIENT_PERMISSIONS))
    subscribers, _created = Group.objects.get_or_create(name=EXCHANGE_SUBSCRIBER_GROUP)
    subscribers.permissions.set(_permissions(EXCHANGE_SUBSCRIBER_PERMISSIONS))


def sync_after_migrate(sender, **kwargs) -> None:
    """Sync once per migrate, after the last app: by then every permission exists."""
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender is with_models[-1]:
        sync_groups()
