"""The due-date feed as iCalendar (RFC 5545), built with the `icalendar` library."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from lms.models import CalendarFeed
from lms.selectors.training import my_training

PRODUCT_ID = "-//Lotse//Faelligkeiten//DE"


def calendar_feed_of(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def calendar_feed_by_token(token: str) -> CalendarFeed | None:
    if not token or len(token) > 64:
        return None
    return CalendarFeed.objects.select_related("user").filter(token=token).first()


def _event(uid: str, day: dt.date, summary: str, url: str, stamp) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def due_dates_calendar(
    user, *, base_url: str = "", now: dt.datetime | None = None
) -> bytes:
    """Due dates of open training and expiry dates of certificates, all-day events.

    ``base_url`` is the address the platform is served at (links in the events).
    """
    now = now or timezone.now()
    base_url = (base_url or settings.LOTSE_BASE_URL).rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Lotse – meine Fristen"))
    host = base_url.split("//")[-1].split("/")[0] or "lotse"
    for item in my_training(user):
        enrolment = item.enrolment
        url = base_url + item.outline.info.url
        title = item.outline.info.title
        if enrolment.completed_at is None and enrolment.due_on:
            calendar.add_component(
                _event(
                    f"enrolment-{enrolment.pk}-due@{host}",
                    enrolment.due_on,
                    _("Schulung fällig: %(title)s") % {"title": title},
                    url,
                    now,
                )
            )
        certificate = item.certificate
        if certificate is not None and certificate.valid_until:
            calendar.add_component(
                _event(
                    f"certificate-{certificate.pk}-expiry@{host}",
                    certificate.valid_until,
                    _("Zertifikat läuft ab: %(title)s") % {"title": title},
                    url,
                    now,
                )
            )
    return calendar.to_ical()
