"""Template tags of analytics: plotly.js's stylesheets, the head's compact
readiness summary on the start page (aggregates only) and a person's invitation
to the open survey waves there."""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from analytics import staticfiles
from analytics.models import AccessLog
from analytics.selectors.dashboard import dashboard_unit_scope, readiness_table
from analytics.selectors.scope import process_scopes
from analytics.selectors.surveys import waves_to_answer
from analytics.services.access_log import access_log_record
from lms.fragments import person_fragment
from sandbox import selectors as sandbox

register = template.Library()


@register.simple_tag
def plotly_stylesheets():
    """plotly.js's CSS as stylesheets with the ids that stop plotly.js from adding
    the same rules as `<style>` elements, which our CSP forbids."""
    return format_html(
        '<link rel="stylesheet" id="plotly.js-style-global" class="no-inline-styles"'
        ' href="{}">\n<link rel="stylesheet" id="{}" href="{}">',
        static(staticfiles.PLOTLY_CSS_NAME),
        staticfiles.maplibre_element_id(),
        static(staticfiles.MAPLIBRE_CSS_NAME),
    )


@register.inclusion_tag("analytics/head_summary_tag.html", takes_context=True)
def head_readiness_summary(context):
    request = context["request"]
    scope = dashboard_unit_scope(request.user)
    if scope is None:
        return {"rows": None}
    process_ids = list(process_scopes())
    rows = []
    if process_ids:
        table = readiness_table(process_ids=process_ids, visible=scope)
        titles = {p.process_id: p.title for p in sandbox.process_list()}
        rows = [
            {"title": titles.get(total.process_id, total.process_id), "cell": total}
            for total in table.totals
        ]
        access_log_record(
            user=request.user,
            action=AccessLog.Action.VIEW,
            target="home-summary",
            filters={},
        )
    return {"rows": rows}


@register.simple_tag(takes_context=True)
def survey_invitation(context):
    """The invitation to each open wave in the person's scope they have not
    answered, kept with the person's fragments (`lms.fragments`): answering,
    starting or ending a wave and a change of scope (their unit, their
    enrolments) render it anew; a learning step does not."""
    request = context["request"]
    return person_fragment(
        request,
        "survey-invitation",
        "analytics/survey_invitation_card.html",
        lambda: {"waves": waves_to_answer(request.user)},
        shows_courses=False,  # kept across learning steps; enrolments renew it
    )
