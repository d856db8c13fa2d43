"""Reads of certificates: a person's list, the public verification by code."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse

from lms.models import Certificate

VALID, EXPIRED, UNKNOWN = "valid", "expired", "unknown"


def certificates_of(user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(user=user).order_by("-issued_at")


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this code; None (unknown) for an erased holder."""
    return (
        Certificate.objects.filter(code=code.strip().upper())
        .exclude(user__staff__erased_at__isnull=False)
        .first()
    )


def certificate_status(certificate: Certificate | None, *, today: dt.date) -> str:
    """'valid', 'expired' or 'unknown' (no such certificate)."""
    if certificate is None:
        return UNKNOWN
    if certificate.valid_until is not None and certificate.valid_until < today:
        return EXPIRED
    return VALID


def certificate_verify_url(code: str) -> str:
    """The public page that confirms a certificate (printed as QR code on it)."""
    return settings.LOTSE_BASE_URL.rstrip("/") + reverse(
        "learning:verify", kwargs={"code": code}
    )
