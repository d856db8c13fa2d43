"""The certificate as a PDF (reportlab + qrcode), always in German.

Drawn on request from the stored certificate, so no file has to be kept or deleted;
the QR code is drawn as vector squares from qrcode's matrix.
"""

from __future__ import annotations

import datetime as dt
import io

import qrcode
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from lms.models import Certificate
from lms.selectors.certificates import certificate_verify_url


def _german_date(day: dt.date) -> str:
    """ "5. März 2026" whatever language is active: the certificate is German."""
    with translation.override("de"):
        return date_format(day, "DATE_FORMAT")


def certificate_pdf(certificate: Certificate, *, base_url: str | None = None) -> bytes:
    """The certificate as an A4 PDF in German with a QR code to the verify page.

    The verify link is on `base_url` (the address the PDF was requested at), else
    on the configured public address.
    """
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
    pdf.drawString(
        20 * mm, height - 19 * mm, f"Lotse – {settings.LOTSE_ORGANISATION_NAME}"
    )

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

    url = certificate_verify_url(certificate.code, base_url=base_url)
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
