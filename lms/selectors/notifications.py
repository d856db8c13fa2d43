"""Reads of a person's notifications."""

from django.db.models import QuerySet

from lms.models import Notification


def notifications_of(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notifications_unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
