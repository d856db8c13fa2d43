"""My due dates as a calendar feed: the page to switch it on, renew or off, and the
feed itself (read by calendar apps, which cannot log in: the secret address is the key)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lms.selectors.calendar import (
    calendar_feed_by_token,
    calendar_feed_of,
    due_dates_calendar,
)
from lms.services.calendar import calendar_feed_renew, calendar_feed_revoke


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def calendar_view(request):
    if request.method == "POST":
        if request.POST.get("action") == "off":
            if calendar_feed_revoke(user=request.user):
                messages.success(
                    request,
                    _(
                        "Das Kalender-Abo ist beendet; die Adresse funktioniert nicht mehr."
                    ),
                )
        else:
            calendar_feed_renew(user=request.user)
            messages.success(
                request,
                _(
                    "Ihre Kalender-Adresse ist bereit. Eine frühere Adresse "
                    "funktioniert nicht mehr."
                ),
            )
        return redirect("learning:calendar")
    feed = calendar_feed_of(request.user)
    feed_url = (
        request.build_absolute_uri(
            reverse("learning:calendar_feed", kwargs={"token": feed.token})
        )
        if feed
        else ""
    )
    return render(
        request, "lms/learning/calendar.html", {"feed": feed, "feed_url": feed_url}
    )


@never_cache
@require_GET
def calendar_feed_view(request, token: str):
    """The feed; an unknown or revoked address is a 404 (no hint whether it existed)."""
    feed = calendar_feed_by_token(token)
    if feed is None or not feed.user.is_active:
        raise Http404(_("Diesen Kalender gibt es nicht."))
    body = due_dates_calendar(feed.user, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lotse-fristen.ics"'
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
