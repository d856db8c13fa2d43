"""Reads of certificates: a person's list, the public verification by code."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.urls import reverse

from common.urls import public_url
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


def certificate_verify_url(code: str, *, base_url: str | None = None) -> str:
    """The public page that confirms a certificate (printed as QR code on it).

    On `base_url` (the address of the request, `common.urls.request_base_url`),
    else on the configured public address.
    """
    return public_url(
        reverse("learning:verify", kwargs={"code": code}), base_url=base_url
    )
