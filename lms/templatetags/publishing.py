"""The impact of publishing, shown in the editing room before approving."""

from django import template
from django.template.loader import render_to_string

from lms.selectors.publishing import publish_impact as impact_of
from lms.selectors.publishing import shown_count

register = template.Library()


@register.simple_tag(takes_context=True)
def publish_impact(context, page):
    """What approving (and so publishing) this page changes for learners."""
    if page is None or not getattr(page, "pk", None):
        return ""
    impact = impact_of(page.pk)
    if impact is None or impact.kind == "other":
        return ""
    return render_to_string(
        "lms/publishing/impact.html",
        {"impact": impact},
        request=context.get("request"),
    )


@register.filter
def learner_count(n: int) -> int | str:
    """A learner count with 1 to 4 shown as "< 5"."""
    return shown_count(n)
