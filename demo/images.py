"""Pictures for the demo courses, drawn with Pillow at seed time (no files from outside).

Mock-ups of the new digital forms, swimlane diagrams and course covers. The font is
Bitstream Vera, which ships inside reportlab (a dependency) and has German umlauts.
"""

from io import BytesIO
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path(reportlab.__file__).parent / "fonts"
PRIMARY = "#0b4f8a"
TEXT = "#1c2430"
MUTED = "#4d5968"
BORDER = "#c3cad4"
BACKGROUND = "#f4f6f9"
SUCCESS = "#1b6b32"
DANGER = "#a4161a"


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(FONT_DIR / ("VeraBd.ttf" if bold else "Vera.ttf")), size
    )


def _png(image: Image.Image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def cover(title: str, subtitle: str, color: str, motif: str) -> bytes:
    """A course cover: a coloured panel, a simple motif and the title."""
    image = Image.new("RGB", (1280, 640), color)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 520, 1280, 640], fill="#ffffff")
    y = 80
    for line in _wrap(draw, title, _font(64, bold=True), 720):
        draw.text((70, y), line, font=_font(64, bold=True), fill="#ffffff")
        y += 80
    draw.text((70, y + 20), subtitle, font=_font(32), fill="#ffffff")
    draw.text(
        (70, 560), "Stadt Musterstadt · Lotse", font=_font(30, bold=True), fill=color
    )
    x0, y0 = 880, 110
    if motif == "dog":
        draw.ellipse([x0, y0 + 120, x0 + 240, y0 + 300], fill="#ffffff")
        draw.ellipse([x0 + 170, y0 + 40, x0 + 300, y0 + 170], fill="#ffffff")
        draw.polygon(
            [(x0 + 180, y0 + 60), (x0 + 160, y0), (x0 + 230, y0 + 50)], fill="#ffffff"
        )
        for leg in (20, 80, 150, 200):
            draw.rectangle(
                [x0 + leg, y0 + 260, x0 + leg + 30, y0 + 360], fill="#ffffff"
            )
        draw.ellipse([x0 + 250, y0 + 85, x0 + 265, y0 + 100], fill=color)
    elif motif == "id":
        draw.rounded_rectangle(
            [x0 - 20, y0 + 40, x0 + 320, y0 + 260], radius=24, fill="#ffffff"
        )
        draw.ellipse([x0 + 10, y0 + 80, x0 + 120, y0 + 200], fill=color)
        for row in range(4):
            draw.rectangle(
                [x0 + 150, y0 + 90 + row * 35, x0 + 290, y0 + 105 + row * 35],
                fill=color,
            )
    elif motif == "house":
        draw.polygon(
            [(x0, y0 + 150), (x0 + 150, y0 + 20), (x0 + 300, y0 + 150)], fill="#ffffff"
        )
        draw.rectangle([x0 + 30, y0 + 150, x0 + 270, y0 + 360], fill="#ffffff")
        draw.rectangle([x0 + 120, y0 + 250, x0 + 180, y0 + 360], fill=color)
        draw.rectangle([x0 + 60, y0 + 180, x0 + 110, y0 + 230], fill=color)
        draw.rectangle([x0 + 190, y0 + 180, x0 + 240, y0 + 230], fill=color)
    else:  # lock
        draw.rounded_rectangle(
            [x0 + 20, y0 + 150, x0 + 280, y0 + 360], radius=20, fill="#ffffff"
        )
        draw.arc(
            [x0 + 60, y0 + 20, x0 + 240, y0 + 260], 180, 360, fill="#ffffff", width=36
        )
        draw.ellipse([x0 + 125, y0 + 210, x0 + 175, y0 + 260], fill=color)
        draw.rectangle([x0 + 140, y0 + 240, x0 + 160, y0 + 310], fill=color)
    return _png(image)


def form_mockup(
    window_title: str,
    heading: str,
    fields: list[tuple[str, str]],
    button: str,
    note: str = "",
) -> bytes:
    """A screenshot-like drawing of a form in the town's online service."""
    width = 1200
    height = 260 + 95 * len(fields) + (60 if note else 0)
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width, 56], fill=PRIMARY)
    draw.text((24, 14), window_title, font=_font(24, bold=True), fill="#ffffff")
    draw.rectangle(
        [40, 86, width - 40, height - 30], fill="#ffffff", outline=BORDER, width=2
    )
    draw.text((70, 110), heading, font=_font(34, bold=True), fill=TEXT)
    y = 180
    for label, value in fields:
        draw.text((70, y), label, font=_font(22, bold=True), fill=TEXT)
        draw.rectangle(
            [70, y + 32, 760, y + 76], fill="#ffffff", outline=MUTED, width=2
        )
        draw.text((84, y + 42), value, font=_font(22), fill=TEXT)
        y += 95
    if note:
        draw.rectangle([70, y, width - 70, y + 44], fill="#e8f0f8")
        draw.text((84, y + 10), note, font=_font(20), fill=PRIMARY)
        y += 60
    draw.rounded_rectangle(
        [70, y, 70 + 40 + int(draw.textlength(button, font=_font(24, True))), y + 52],
        radius=6,
        fill=PRIMARY,
    )
    draw.text((90, y + 12), button, font=_font(24, bold=True), fill="#ffffff")
    return _png(image)


def swimlanes(
    title: str, lanes: list[str], steps: list[tuple[int, str]], handover: str
) -> bytes:
    """A process diagram: one lane per department, steps left to right, arrows."""
    lane_height, left, step_width = 170, 220, 230
    width = left + 40 + step_width * len(steps)
    height = 90 + lane_height * len(lanes) + 70
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.text((30, 26), title, font=_font(32, bold=True), fill=TEXT)
    for index, lane in enumerate(lanes):
        top = 90 + index * lane_height
        draw.rectangle(
            [20, top, width - 20, top + lane_height],
            outline=BORDER,
            width=2,
            fill=BACKGROUND if index % 2 else "#ffffff",
        )
        draw.rectangle([20, top, left - 20, top + lane_height], fill=PRIMARY)
        for n, line in enumerate(_wrap(draw, lane, _font(22, True), left - 60)):
            draw.text(
                (34, top + 20 + n * 28), line, font=_font(22, bold=True), fill="#ffffff"
            )
    centres = []
    for position, (lane, text) in enumerate(steps):
        x = left + 20 + position * step_width
        top = 90 + lane * lane_height + 30
        draw.rounded_rectangle(
            [x, top, x + step_width - 50, top + 110],
            radius=14,
            fill="#e8f0f8",
            outline=PRIMARY,
            width=3,
        )
        for n, line in enumerate(_wrap(draw, text, _font(19), step_width - 74)[:4]):
            draw.text((x + 12, top + 10 + n * 24), line, font=_font(19), fill=TEXT)
        centres.append((x, x + step_width - 50, top + 55))
    for (_, right, cy), (next_left, _, next_cy) in zip(
        centres, centres[1:], strict=False
    ):
        mid = (right + next_left) // 2
        draw.line(
            [(right, cy), (mid, cy), (mid, next_cy), (next_left - 4, next_cy)],
            fill=MUTED,
            width=4,
        )
        draw.polygon(
            [
                (next_left, next_cy),
                (next_left - 14, next_cy - 8),
                (next_left - 14, next_cy + 8),
            ],
            fill=MUTED,
        )
    draw.text((30, height - 50), handover, font=_font(20), fill=SUCCESS)
    return _png(image)


def handover(
    title: str, source: str, fields: list[tuple[str, bool]], target: str
) -> bytes:
    """Which fields cross from one department to the next (✓ passes, ✗ stays)."""
    height = 150 + 54 * len(fields)
    image = Image.new("RGB", (1200, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.text((30, 24), title, font=_font(30, bold=True), fill=TEXT)
    for x, name in ((30, source), (760, target)):
        draw.rectangle([x, 80, x + 410, height - 20], outline=PRIMARY, width=3)
        draw.rectangle([x, 80, x + 410, 124], fill=PRIMARY)
        draw.text((x + 14, 88), name, font=_font(24, bold=True), fill="#ffffff")
    y = 140
    for label, passes in fields:
        draw.text((46, y), label, font=_font(21), fill=TEXT)
        if passes:
            draw.line([(450, y + 12), (740, y + 12)], fill=SUCCESS, width=4)
            draw.polygon([(750, y + 12), (734, y + 3), (734, y + 21)], fill=SUCCESS)
            draw.text((776, y), label, font=_font(21), fill=TEXT)
            draw.text((560, y - 22), "übergeben", font=_font(16), fill=SUCCESS)
        else:
            draw.text((470, y), "bleibt im Amt", font=_font(19, bold=True), fill=DANGER)
        y += 54
    return _png(image)


def checklist(title: str, items: list[str]) -> bytes:
    """A checklist card, e.g. the completeness check of a building application."""
    height = 130 + 60 * len(items)
    image = Image.new("RGB", (1100, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 1100, 80], fill=PRIMARY)
    draw.text((30, 22), title, font=_font(30, bold=True), fill="#ffffff")
    y = 110
    for item in items:
        draw.rectangle([40, y, 72, y + 32], outline=PRIMARY, width=3)
        draw.line([(46, y + 16), (56, y + 26), (68, y + 4)], fill=SUCCESS, width=4)
        draw.text((96, y + 2), item, font=_font(23), fill=TEXT)
        y += 60
    return _png(image)


# key → (image title, drawing); titles identify the images on a second seed run.
IMAGES = {
    "cover_hund": (
        "Titelbild Hund anmelden",
        lambda: cover(
            "Hund anmelden – digital", "Ordnungsamt und Finanzen", "#0b4f8a", "dog"
        ),
    ),
    "cover_ausweis": (
        "Titelbild Personalausweis",
        lambda: cover(
            "Personalausweis beantragen – digital", "Bürgerbüro", "#1b6b32", "id"
        ),
    ),
    "cover_bau": (
        "Titelbild Bauantrag",
        lambda: cover("Bauantrag digital prüfen", "Bauaufsicht", "#9a4a00", "house"),
    ),
    "cover_datenschutz": (
        "Titelbild Datenschutz",
        lambda: cover(
            "Datenschutz im digitalen Verfahren",
            "Pflichtunterweisung",
            "#2d3e66",
            "lock",
        ),
    ),
    "hund_ablauf": (
        "Ablauf Hundeanmeldung",
        lambda: swimlanes(
            "Hund anmelden – digital",
            ["Ordnungsamt", "Finanzen"],
            [
                (0, "Antrag geht im Serviceportal ein"),
                (0, "Rasse gegen die Liste prüfen"),
                (0, "Anmeldung bestätigen"),
                (1, "Steuerpflicht anlegen"),
                (1, "Steuerbescheid versenden"),
            ],
            "An die Finanzen gehen nur Name, Anschrift, Anzahl der Hunde, Beginn und "
            "Einstufung.",
        ),
    ),
    "hund_formular": (
        "Prüfformular Hundeanmeldung",
        lambda: form_mockup(
            "Musterstadt · Fachverfahren Hundewesen",
            "Antrag prüfen: Hund anmelden",
            [
                (
                    "Halterin / Halter",
                    "Erika Musterfrau, Musterweg 1, 99999 Musterstadt",
                ),
                ("Rasse", "Labrador Retriever"),
                ("Anzahl der Hunde im Haushalt", "1"),
                ("Gefährlicher Hund (Liste der Hundeverordnung)", "☐ nein"),
            ],
            "Anmeldung bestätigen",
            "Rasse steht nicht auf der Liste – kein Nachweis nötig.",
        ),
    ),
    "hund_uebergabe": (
        "Übergabe an die Steuerstelle",
        lambda: handover(
            "Was die Steuerstelle bekommt",
            "Ordnungsamt",
            [
                ("Name", True),
                ("Anschrift", True),
                ("Anzahl der Hunde", True),
                ("Beginn der Steuerpflicht", True),
                ("Einstufung gefährlich", True),
                ("Telefonnummer", False),
                ("Sachkundenachweis", False),
                ("Versicherungsnummer", False),
            ],
            "Finanzen",
        ),
    ),
    "ausweis_termin": (
        "Terminbuchung Bürgerbüro",
        lambda: form_mockup(
            "Musterstadt · Serviceportal",
            "Termin buchen: Personalausweis",
            [
                ("Leistung", "Personalausweis beantragen"),
                ("Datum", "Dienstag, 8. Dezember"),
                ("Uhrzeit", "08:20 Uhr, Schalter 3"),
                ("Lichtbild-Code", "FS-4711-0815"),
            ],
            "Termin buchen",
        ),
    ),
    "bau_checkliste": (
        "Checkliste Bauvorlagen",
        lambda: checklist(
            "Vollständigkeit: Bauvorlagen",
            [
                "Lageplan",
                "Bauzeichnungen (Grundrisse, Schnitte, Ansichten)",
                "Baubeschreibung",
                "Standsicherheitsnachweis",
                "Nachweis der Bauvorlageberechtigung",
            ],
        ),
    ),
    "bau_beteiligung": (
        "Beteiligung Stadtplanung",
        lambda: swimlanes(
            "Bauantrag: Beteiligung",
            ["Bauaufsicht", "Stadtplanung"],
            [
                (0, "Vollständigkeit prüfen"),
                (0, "Stadtplanung beteiligen"),
                (1, "Bebauungsplan prüfen"),
                (1, "Stellungnahme abgeben"),
                (0, "Entscheiden"),
            ],
            "Die Stadtplanung sieht die Pläne, nicht die Kontaktdaten der Bauherrschaft.",
        ),
    ),
    "datenschutz_uebergabe": (
        "Übergabe statt Bürgerakte",
        lambda: handover(
            "Übergabe statt Bürgerakte",
            "Ordnungsamt",
            [
                ("Name", True),
                ("Anschrift", True),
                ("Anzahl der Hunde", True),
                ("Telefonnummer", False),
                ("Geburtsdatum", False),
                ("Notizen", False),
            ],
            "Finanzen",
        ),
    ),
}
