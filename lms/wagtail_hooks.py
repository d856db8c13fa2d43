"""Wagtail admin hooks: administrators can also change roles in Wagtail's user editor.

Roles are groups, and a person's roles decide which assignment rules apply, so
every place that changes them asks for a rule run for those people. The user editor
is closed to everyone else: no role below Administration holds an `auth` permission.
"""

from django.contrib.auth import get_user_model
from wagtail import hooks

from lms.services.rules import rules_apply_queue


@hooks.register("after_create_user")
@hooks.register("after_edit_user")
def rules_apply_for_user(request, user) -> None:
    """A person was created or edited in Wagtail (groups, admin flag)."""
    rules_apply_queue(user_ids=[user.pk])


@hooks.register("after_bulk_action")
def rules_apply_after_role_assigned(request, action_type, objects, action) -> None:
    """Wagtail's bulk action "assign role" adds a group to many people at once."""
    if action_type == "assign_role" and action.model is get_user_model():
        rules_apply_queue(user_ids=[user.pk for user in objects])
