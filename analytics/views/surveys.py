"""The pulse survey's pages: a wave started and ended by the training admin, the
answer page for staff in scope, and a wave's results (from 5 answers on)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from analytics.forms import (
    SurveyForm,
    SurveyWaveForm,
)
from analytics.models import AccessLog, SurveyWave
from analytics.selectors.surveys import open_waves_for, survey_results
from analytics.services.access_log import access_log_record
from analytics.services.surveys import survey_answer_submit
from analytics.services.waves import survey_wave_close, survey_wave_start
from analytics.views import initiative_or_404, training_admin_or_403
from lms.selectors.org import staff_profile_of


@login_required
@require_http_methods(["GET", "POST"])
def survey_wave_start_view(request, initiative_id: int):
    """Asks to confirm, then opens a pulse-survey wave and sends the invitations."""
    training_admin_or_403(request)
    initiative = initiative_or_404(initiative_id)
    if request.method == "POST":
        form = SurveyWaveForm(request.POST)
        if form.is_valid():
            try:
                wave = survey_wave_start(initiative=initiative, **form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _(
                        "Die Befragungsrunde „%(title)s“ läuft bis zum %(day)s. "
                        "Die Einladungen werden per E-Mail verschickt."
                    )
                    % {
                        "title": wave.title,
                        "day": formats.date_format(wave.closes_on, "SHORT_DATE_FORMAT"),
                    },
                )
                return redirect(
                    "analytics:initiative_edit", initiative_id=initiative.pk
                )
    else:
        today = timezone.localdate()
        form = SurveyWaveForm(
            initial={
                "title": _("Befragung ab %(day)s")
                % {"day": formats.date_format(today, "SHORT_DATE_FORMAT")},
                "closes_on": today + dt.timedelta(days=13),
            }
        )
    return render(
        request,
        "analytics/survey_wave_start.html",
        {"form": form, "initiative": initiative},
    )


@login_required
@require_POST
def survey_wave_close_view(request, wave_id: int):
    """Ends a wave now: no more answers, no more invitations."""
    training_admin_or_403(request)
    wave = SurveyWave.objects.filter(pk=wave_id).first()
    if wave is None:
        raise Http404(_("Diese Befragung gibt es nicht."))
    if survey_wave_close(wave=wave):
        messages.success(
            request,
            _("Die Befragungsrunde „%(title)s“ ist beendet.") % {"title": wave.title},
        )
    else:
        messages.info(request, _("Diese Befragungsrunde war schon beendet."))
    return redirect("analytics:initiative_edit", initiative_id=wave.initiative_id)


@login_required
@require_http_methods(["GET", "POST"])
def survey_view(request, wave_id: int):
    wave = next((w for w in open_waves_for(request.user) if w.pk == wave_id), None)
    if wave is None:
        raise Http404(_("Diese Befragung ist nicht für Sie geöffnet."))
    if request.method == "POST":
        form = SurveyForm(request.POST, process_title=wave.initiative.title)
        if form.is_valid():
            profile = staff_profile_of(request.user)
            try:
                survey_answer_submit(
                    wave=wave,
                    user_id=request.user.pk,
                    org_unit_id=profile.org_unit_id if profile else None,
                    values={
                        k: int(form.cleaned_data[k])
                        for k in (
                            "awareness",
                            "desire",
                            "knowledge",
                            "ability",
                            "reinforcement",
                        )
                    },
                    concern=form.cleaned_data["concern"],
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Danke! Ihre Antwort ist gespeichert – ohne Ihren Namen."),
                )
                return redirect("analytics:my_readiness")
    else:
        form = SurveyForm(process_title=wave.initiative.title)
    return render(request, "analytics/survey.html", {"form": form, "wave": wave})


@login_required
@require_GET
def survey_results_view(request, wave_id: int):
    """Results of a wave for the training admin: from 5 answers on, free text only
    in groups of at least 5 and without names; heads never see free text."""
    training_admin_or_403(request)
    wave = SurveyWave.objects.filter(pk=wave_id).select_related("initiative").first()
    if wave is None:
        raise Http404(_("Diese Befragung gibt es nicht."))
    access_log_record(
        user=request.user,
        action=AccessLog.Action.VIEW,
        target="survey",
        filters={"wave": wave.pk},
    )
    results = survey_results(wave)
    statements = []
    if results is not None:
        # Each mean beside its statement, as the staff read it.
        labels = SurveyForm(process_title=wave.initiative.title).fields
        statements = [
            (labels[key].label, mean) for key, mean in results["means"].items()
        ]
    return render(
        request,
        "analytics/survey_results.html",
        {"wave": wave, "results": results, "statements": statements},
    )
