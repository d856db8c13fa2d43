"""Text in the diagram: wrapping, and placing labels where they overlap no other
label and no flow (at the tool's DI label bounds when it wrote them)."""

from __future__ import annotations

from html import escape


def wrap_text(text: str, width: int = 16, max_lines: int = 4) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines


def svg_text(x: float, y: float, text: str, css: str, width: int = 16) -> str:
    lines = wrap_text(text, width)
    if not lines:
        return ""
    start = y - (len(lines) - 1) * 7
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{start + i * 14:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text class="{css}" text-anchor="middle">{spans}</text>'


LINE_HEIGHT = 14
CHAR_WIDTH = 6.6


def _text_box(cx: float, top: float, lines: list[str]) -> tuple:
    width = max((len(line) for line in lines), default=0) * CHAR_WIDTH
    return (cx - width / 2, top, cx + width / 2, top + len(lines) * LINE_HEIGHT)


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(box: tuple, points: list) -> bool:
    """Does a polyline pass through the box (sampled along each segment)?"""
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        for i in range(11):
            x, y = x1 + (x2 - x1) * i / 10, y1 + (y2 - y1) * i / 10
            if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                return True
    return False


class Labels:
    """Places labels: at their DI label bounds when the tool wrote them, else at
    the first of a few positions that overlaps no other label and no edge."""

    def __init__(self, edges: list[dict]):
        self.boxes: list[tuple] = []
        # Each flow with its bounding box, so that most are ruled out at once.
        self.flows = [
            (
                e["id"],
                e["points"],
                (
                    min(p[0] for p in e["points"]),
                    min(p[1] for p in e["points"]),
                    max(p[0] for p in e["points"]) + 0.1,
                    max(p[1] for p in e["points"]) + 0.1,
                ),
            )
            for e in edges
            if e["kind"] == "sequenceFlow"
        ]

    def _free(self, box: tuple, own: str | None = None) -> bool:
        if any(_overlaps(box, other) for other in self.boxes):
            return False
        return not any(
            _crosses(box, points)
            for flow_id, points, bounds in self.flows
            if flow_id != own and _overlaps(box, bounds)
        )

    def place(self, text, css, bounds, candidates, *, of: str, width=20, own=None):
        if not text:
            return ""
        if bounds is not None and bounds["w"] > 0:
            width = max(int(bounds["w"] / CHAR_WIDTH), 6)
            if bounds["h"] < LINE_HEIGHT + 6:  # the tool measured one line
                width = max(width, len(text))
            lines = wrap_text(text, width)
            cx = bounds["x"] + bounds["w"] / 2
            top = bounds["y"]
        else:
            lines = wrap_text(text, width)
            height = len(lines) * LINE_HEIGHT
            options = [(cx, top_of(height)) for cx, top_of in candidates]
            cx, top = options[0]
            for option in options:
                if self._free(_text_box(option[0], option[1], lines), own):
                    cx, top = option
                    break
        box = _text_box(cx, top, lines)
        self.boxes.append(box)
        spans = "".join(
            f'<tspan x="{cx:.1f}" y="{top + 11 + i * LINE_HEIGHT:.1f}">'
            f"{escape(line)}</tspan>"
            for i, line in enumerate(lines)
        )
        return (
            f'<text class="{css}" data-label-for="{escape(of)}" '
            f'text-anchor="middle">{spans}</text>'
        )


# --------------------------------------------------------------------- render


def edge_label_candidates(edge: dict) -> list:
    (x1, y1), (x2, y2) = edge["points"][0], edge["points"][1]
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    vertical = abs(x2 - x1) < abs(y2 - y1)
    if vertical:
        return [
            (mx + 30, lambda h: my - h / 2),
            (mx - 30, lambda h: my - h / 2),
            (x2 + 30, lambda h: y2 - h - 4),
        ]
    return [
        (mx, lambda h: my - h - 3),
        (mx, lambda h: my + 3),
        (x2 - 20, lambda h: y2 - h - 3),
    ]


def node_label_candidates(shape: dict) -> list:
    x, y, w, h = shape["x"], shape["y"], shape["w"], shape["h"]
    cx = x + w / 2
    return [
        (cx, lambda height: y - height - 4),
        (cx, lambda height: y + h + 4),
        (x - 45, lambda height: y - height - 2),
        (x + w + 45, lambda height: y - height - 2),
        (x + w + 50, lambda height: y + h / 2 - height / 2),
    ]
