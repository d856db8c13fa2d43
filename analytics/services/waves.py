"""Pulse-survey waves of an initiative, started and ended by the training admin."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from analytics.models import Initiative, SurveyWave
from lms.person_generation import people_changed


def survey_wave_start(
    *, initiative: Initiative, title: str, closes_on: dt.date
) -> SurveyWave:
    """Open a wave from today until `closes_on` and queue its e-mail invitations
    after the commit. Raises ValidationError (German) while another wave of the
    initiative is open or for a last day in the past."""
    from analytics.tasks import survey_invitations_send

    today = timezone.localdate()
    wave = SurveyWave(
        initiative=initiative, title=title, opens_on=today, closes_on=closes_on
    )
    wave.full_clean()
    if closes_on < today:
        raise ValidationError(_("Der letzte Tag der Runde darf nicht vorbei sein."))
    with transaction.atomic():
        # One open wave per initiative: lock the initiative while checking.
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()
        running = initiative.waves.filter(
            closes_on__gte=today, closed_at__isnull=True
        ).exists()
        if running:
            raise ValidationError(
                _(
                    "Für dieses Vorhaben läuft schon eine Befragungsrunde. "
                    "Beenden Sie sie, bevor Sie eine neue starten."
                )
            )
        wave.save()
        people_changed()  # the start page invites the people in scope
        # celery-types does not know Celery 5.4's delay_on_commit yet.
        survey_invitations_send.delay_on_commit(  # type: ignore[attr-defined]
            wave_id=wave.pk
        )
    return wave


def survey_wave_close(*, wave: SurveyWave) -> bool:
    """End a wave now: no more answers and invitations. Returns False when it
    was ended already (a second click changes nothing)."""
    ended = SurveyWave.objects.filter(pk=wave.pk, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
    if ended:
        people_changed()  # the start page's invitation goes
    return bool(ended)
