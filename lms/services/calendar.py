"""The private calendar feed: create (or replace) its secret address, switch it off."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone

from lms.models import CalendarFeed


def calendar_feed_renew(*, user, now: dt.datetime | None = None) -> CalendarFeed:
    """Give the person a new secret feed address; the old one stops working."""
    now = now or timezone.now()
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.select_for_update().get_or_create(
            user=user,
            defaults={"token": secrets.token_urlsafe(32), "created_at": now},
        )
        if not _created:
            feed.token = secrets.token_urlsafe(32)
            feed.created_at = now
            feed.full_clean()
            feed.save(update_fields=["token", "created_at"])
    return feed


def calendar_feed_revoke(*, user) -> bool:
    """Switch the feed off: its address answers 404 from now on."""
    with transaction.atomic():
        deleted, _detail = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)
