"""Leavers: a person who left the administration.

Marked as left by the staff import, by the directory (removed there) or by the
training admin, a person can no longer sign in (no password, no directory
sign-in, no API token); their open mandatory enrolments are withdrawn by the rule
run, and their certificates stay verifiable. After `LOTSE_LEAVER_RETENTION_DAYS`
they are erased (`lms.services.erasure`).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from lms.models.org import StaffProfile
from lms.services.rules import rules_apply_queue


def person_mark_left(*, user: User, left_on: dt.date) -> StaffProfile:
    """Mark a person as left on `left_on`: no sign-in, API tokens deleted, their
    open mandatory training withdrawn once committed. Records stay."""
    profile = StaffProfile.objects.filter(user=user).first()
    if profile is None:
        raise ValidationError(_("Nur Beschäftigte können als ausgeschieden gelten."))
    with transaction.atomic():
        profile.left_on = left_on
        profile.save(update_fields=["left_on"])
        user.is_active = False
        user.save(update_fields=["is_active"])
        Token.objects.filter(user=user).delete()
        rules_apply_queue(user_ids=[user.pk])
    return profile


def person_mark_returned(*, user: User) -> StaffProfile:
    """Undo a leaving date (e.g. set by mistake); the person may sign in again."""
    profile = StaffProfile.objects.get(user=user)
    if profile.erased_at is not None:
        raise ValidationError(_("Eine pseudonymisierte Person kehrt nicht zurück."))
    with transaction.atomic():
        profile.left_on = None
        profile.save(update_fields=["left_on"])
        user.is_active = True
        user.save(update_fields=["is_active"])
        rules_apply_queue(user_ids=[user.pk])
    return profile
