"""E-mail invitations to a pulse-survey wave: once per wave and person in scope.

The in-app notice is the open wave on "Meine Bereitschaft" (`open_waves_for`);
this adds the e-mail. A `SurveyInvitation` row is written in the transaction
that sends the mail, so a task that runs twice sends nothing twice, and a mail
that fails to go out leaves no row (the retry sends it).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from analytics.models import SurveyInvitation, SurveyWave
from analytics.selectors.surveys import wave_scope_user_ids, waves_open_on
from common.urls import public_url


def survey_invitations_deliver(*, wave_id: int, now: dt.datetime | None = None) -> int:
    """E-mail every active person in scope of an open wave who has an address and
    was not invited to it yet; returns how many were e-mailed now. Sets the wave's
    `invited_at` on its first sending."""
    now = now or timezone.now()
    wave = SurveyWave.objects.select_related("initiative").filter(pk=wave_id).first()
    today = timezone.localdate(now)
    if wave is None or not wave.is_open_on(today):
        return 0
    invited = set(
        SurveyInvitation.objects.filter(wave=wave).values_list("user_id", flat=True)
    )
    recipients = (
        get_user_model()
        .objects.filter(pk__in=wave_scope_user_ids(wave) - invited, is_active=True)
        .exclude(email="")
        .order_by("pk")
    )
    link = public_url(reverse("analytics:survey", kwargs={"wave_id": wave.pk}))
    sent = 0
    for user in recipients:
        with transaction.atomic():
            _invitation, created = SurveyInvitation.objects.get_or_create(
                wave=wave, user=user, defaults={"sent_at": now}
            )
            if created:
                _invitation_mail(wave=wave, user=user, link=link)
                sent += 1
    if sent and wave.invited_at is None:
        SurveyWave.objects.filter(pk=wave.pk, invited_at__isnull=True).update(
            invited_at=now
        )
    return sent


def survey_invitations_queue_open(*, now: dt.datetime | None = None) -> list[int]:
    """Queue the invitations of every wave open today (people who came into scope
    since the last run are invited too); returns the wave ids."""
    from analytics.tasks import survey_invitations_send

    wave_ids = waves_open_on(timezone.localdate(now or timezone.now()))
    for wave_id in wave_ids:
        survey_invitations_send.delay(wave_id=wave_id)
    return wave_ids


def survey_invitations_forget(*, user_id: int) -> int:
    """Erasure of a person: drop the record of their invitations."""
    deleted, _by_model = SurveyInvitation.objects.filter(user_id=user_id).delete()
    return deleted


def _invitation_mail(*, wave: SurveyWave, user, link: str) -> None:
    context = {
        "user": user,
        "wave": wave,
        "initiative": wave.initiative.title,
        "link": link,
        "organisation": settings.LOTSE_ORGANISATION_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(
            "analytics/email/survey_invitation_subject.txt", context
        )
        body = render_to_string("analytics/email/survey_invitation_body.txt", context)
    send_mail("".join(subject.splitlines()), body, None, [user.email])
