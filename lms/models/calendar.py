"""A person's private calendar feed of due dates (iCalendar)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """The secret address of one person's due-date feed.

    Whoever knows the address can read the feed (calendar apps cannot log in),
    so the person can replace it by a new one or switch the feed off at any time.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("Person"),
    )
    token = models.CharField(_("geheimer Schlüssel"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("angelegt am"))

    class Meta:
        verbose_name = _("Kalender-Abo")
        verbose_name_plural = _("Kalender-Abos")

    def __str__(self) -> str:
        return str(_("Kalender-Abo von %(user)s")) % {"user": self.user}
