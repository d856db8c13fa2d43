"""Certificates: issuing on completion and the PDF (reportlab + qrcode, German).

The PDF is drawn on request from the stored certificate, so no file has to be kept
or deleted; the QR code is drawn as vector squares from qrcode's matrix.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from lms.models import Certificate, Enrolment

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def certificate_code_new() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def certificate_build(
    *, enrolment: Enrolment, outline, now: dt.datetime
) -> Certificate:
    """The (unsaved) certificate of a completed enrolment, with a fresh code.

    Validity: the rule's recertification interval if it has one, else the course's
    certificate validity; neither means the certificate does not expire.
    """
    from lms.services.learning import add_months

    completed_on = timezone.localdate(enrolment.completed_at or now)
    months = None
    if enrolment.rule_id and enrolment.rule.recertify_months:
        months = enrolment.rule.recertify_months
    elif outline.info.certificate_validity_months:
        months = outline.info.certificate_validity_months
    user = enrolment.user
    return Certificate(
        enrolment=enrolment,
        user=user,
        course_id=enrolment.course_id,
        course_title=outline.info.title,
        holder_name=user.get_full_name() or user.username,
        code=certificate_code_new(),
        issued_at=now,
        completed_on=completed_on,
        valid_until=add_months(completed_on, months) if months else None,
    )


def certificate_issue(*, enrolment: Enrolment, outline, now: dt.datetime | None = None):
    """Issue the certificate of a completed enrolment (once; returns the existing one)."""
    from lms.services.learning import event_log

    now = now or timezone.now()
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = certificate_build(
                    enrolment=enrolment, outline=outline, now=now
                )
                certificate.save()
            break
        except IntegrityError:
            if Certificate.objects.filter(enrolment=enrolment).exists():
                return Certificate.objects.get(enrolment=enrolment)
    else:  # pragma: no cover - 32^12 codes
        raise RuntimeError("no free certificate code")
    event_log(
        actor_id=enrolment.user_id,
        verb="earned",
        object_type="certificate",
        object_id=certificate.code,
        course_id=enrolment.course_id,
        now=now,
    )
    return certificate


def certificate_status(certificate: Certificate | None, *, today: dt.date) -> str:
    """'valid', 'expired' or 'unknown'."""
    if certificate is None:
        return "unknown"
    if certificate.valid_until is not None and certificate.valid_until < today:
        return "expired"
    return "valid"


def verify_url(code: str) -> str:
    return settings.LOTSE_BASE_URL.rstrip("/") + reverse(
        "learning:verify", kwargs={"code": code}
    )


GERMAN_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


def _german_date(day: dt.date) -> str:
    """German whatever language is active (the certificate is always German)."""
    return f"{day.day}. {GERMAN_MONTHS[day.month - 1]} {day.year}"


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as an A4 PDF in German with a QR code to the verify page."""
    import qrcode

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(f"Teilnahmebescheinigung – {certificate.course_title}")
    pdf.setAuthor("Lotse")
    width, height = A4
    primary = colors.HexColor("#0b4f8a")

    pdf.setFillColor(primary)
    pdf.rect(0, height - 30 * mm, width, 30 * mm, stroke=0, fill=1)
    pdf.setFillColor(colors.white)
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawString(20 * mm, height - 19 * mm, "Lotse – Stadt Musterstadt")

    pdf.setFillColor(colors.HexColor("#1c2430"))
    pdf.setFont("Helvetica-Bold", 26)
    pdf.drawCentredString(width / 2, height - 65 * mm, "Teilnahmebescheinigung")
    pdf.setFont("Helvetica", 13)
    pdf.drawCentredString(width / 2, height - 82 * mm, "Hiermit wird bestätigt, dass")
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawCentredString(width / 2, height - 97 * mm, certificate.holder_name)
    pdf.setFont("Helvetica", 13)
    pdf.drawCentredString(width / 2, height - 112 * mm, "die Schulung")
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawCentredString(width / 2, height - 125 * mm, certificate.course_title)
    pdf.setFont("Helvetica", 13)
    pdf.drawCentredString(
        width / 2,
        height - 140 * mm,
        f"am {_german_date(certificate.completed_on)} erfolgreich abgeschlossen hat.",
    )
    validity = (
        f"Gültig bis: {_german_date(certificate.valid_until)}"
        if certificate.valid_until
        else "Gültig ohne Ablaufdatum"
    )
    pdf.drawCentredString(width / 2, height - 155 * mm, validity)

    url = verify_url(certificate.code)
    matrix = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    matrix.add_data(url)
    matrix.make(fit=True)
    cells = matrix.get_matrix()
    size = 40 * mm
    cell = size / len(cells)
    left, bottom = 20 * mm, 25 * mm
    pdf.setFillColor(colors.black)
    for row_index, row in enumerate(cells):
        for col_index, dark in enumerate(row):
            if dark:
                pdf.rect(
                    left + col_index * cell,
                    bottom + size - (row_index + 1) * cell,
                    cell,
                    cell,
                    stroke=0,
                    fill=1,
                )
    pdf.setFont("Helvetica", 10)
    text_left = left + size + 8 * mm
    pdf.drawString(text_left, bottom + 30 * mm, f"Prüfcode: {certificate.code}")
    pdf.drawString(text_left, bottom + 24 * mm, "Echtheit prüfen:")
    pdf.drawString(text_left, bottom + 19 * mm, url)
    pdf.drawString(
        text_left,
        bottom + 8 * mm,
        f"Ausgestellt am {_german_date(timezone.localdate(certificate.issued_at))}",
    )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
