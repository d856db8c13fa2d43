"""Pulse-survey answers, stored under a pseudonym (privacy rule 3).

The pseudonym is a keyed hash (HMAC-SHA256 with a key derived from the secret
key) of wave and person: the person can renew their own answer within a wave and
the recompute finds it, but the stored row names nobody, and answers of one
person in two waves cannot be linked to each other.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analytics.models import SurveyAnswer, SurveyWave
from analytics.pseudonyms import survey_pseudonym
from common.text import text_problem
from lms.person_generation import person_changed

ADKAR_FIELDS = ("awareness", "desire", "knowledge", "ability", "reinforcement")


def survey_answer_submit(
    *,
    wave: SurveyWave,
    user_id: int,
    org_unit_id: int | None,
    values: dict[str, int],
    concern: str = "",
) -> SurveyAnswer:
    """Store (or renew) a person's answer to a wave. Raises ValidationError with a
    German message for a closed wave or a value outside 1–5."""
    today = timezone.localdate()
    if not wave.is_open_on(today):
        raise ValidationError(_("Diese Befragung ist nicht geöffnet."))
    errors = {}
    for name in ADKAR_FIELDS:
        value = values.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            errors[name] = _("Bitte wählen Sie einen Wert von 1 bis 5.")
    concern = (concern or "").strip()
    if len(concern) > 1000:
        errors["concern"] = _("Bitte fassen Sie sich kürzer (höchstens 1000 Zeichen).")
    elif concern and text_problem(concern):
        errors["concern"] = _("Der Text enthält unzulässige Zeichen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        answer, _created = SurveyAnswer.objects.update_or_create(
            wave=wave,
            pseudonym=survey_pseudonym(wave.pk, user_id),
            defaults={
                **{name: values[name] for name in ADKAR_FIELDS},
                "org_unit_id": org_unit_id,
                "concern": concern,
                "answered_on": today,
            },
        )
        person_changed(user_id)  # the start page's invitation goes
    return answer


def survey_links_sever(*, user_id: int) -> int:
    """Erasure of a person: their answers stay in the wave's figures, but get a
    random pseudonym, so no key can lead from the account to them any more."""
    severed = 0
    for wave_id in SurveyWave.objects.values_list("id", flat=True):
        severed += SurveyAnswer.objects.filter(
            wave_id=wave_id, pseudonym=survey_pseudonym(wave_id, user_id)
        ).update(pseudonym=secrets.token_hex(32))
    return severed
