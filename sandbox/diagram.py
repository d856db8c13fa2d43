"""Server-rendered SVG of a BPMN process from its diagram interchange (DI).

No JavaScript library is needed in the browser. Every text from the package is
escaped. Done and current steps get CSS classes (styled in sandbox.css); in exam
mode nothing is marked.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from lxml import etree

from .engine import BPMN_NS, parse_xml

DI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
OMGDI_NS = "http://www.omg.org/spec/DD/20100524/DI"
NS = {"bpmn": BPMN_NS, "bpmndi": DI_NS, "dc": DC_NS, "di": OMGDI_NS}

TASK_KINDS = {"userTask", "task", "manualTask", "scriptTask", "businessRuleTask"}
EVENT_KINDS = {"startEvent", "endEvent"}
GATEWAY_KINDS = {"exclusiveGateway", "parallelGateway"}
KIND_LABELS = {
    "userTask": gettext_lazy("Aufgabe"),
    "manualTask": gettext_lazy("Aufgabe"),
    "task": gettext_lazy("Schritt"),
    "scriptTask": gettext_lazy("automatischer Schritt"),
    "businessRuleTask": gettext_lazy("Entscheidungstabelle"),
    "startEvent": gettext_lazy("Start"),
    "endEvent": gettext_lazy("Ende"),
    "exclusiveGateway": gettext_lazy("Verzweigung"),
    "parallelGateway": gettext_lazy("Parallelverzweigung"),
}


def _num(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def _wrap(text: str, width: int = 16, max_lines: int = 4) -> list[str]:
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


def _text(x: float, y: float, text: str, css: str, width: int = 16) -> str:
    lines = _wrap(text, width)
    if not lines:
        return ""
    start = y - (len(lines) - 1) * 7
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{start + i * 14:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text class="{css}" text-anchor="middle">{spans}</text>'


def _automatic_marker(x: float, y: float, w: float) -> str:
    """A small "A" badge on a step the sandbox completes by itself."""
    cx, cy = x + w - 2, y + 2
    return (
        f'<g class="bpmn-automatic"><title>{escape(_("automatischer Schritt"))}'
        f'</title><circle cx="{cx:.1f}" cy="{cy:.1f}" r="8"/>'
        f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle">A</text></g>'
    )


@lru_cache(maxsize=64)
def _layout(bpmn: str) -> dict:
    """Shapes and edges of a BPMN document (cached per document text)."""
    root = parse_xml(bpmn)
    kinds: dict[str, str] = {}
    names: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        qname = etree.QName(element)
        if qname.namespace != BPMN_NS or not element.get("id"):
            continue
        kinds[element.get("id")] = qname.localname
        names[element.get("id")] = element.get("name") or ""
    shapes = []
    for shape in root.iterfind(".//bpmndi:BPMNShape", NS):
        bounds = shape.find("dc:Bounds", NS)
        ref = shape.get("bpmnElement")
        if bounds is None or not ref:
            continue
        shapes.append(
            {
                "id": ref,
                "kind": kinds.get(ref, ""),
                "name": names.get(ref, ""),
                "x": _num(bounds.get("x")),
                "y": _num(bounds.get("y")),
                "w": _num(bounds.get("width")),
                "h": _num(bounds.get("height")),
            }
        )
    edges = []
    for edge in root.iterfind(".//bpmndi:BPMNEdge", NS):
        ref = edge.get("bpmnElement")
        points = [
            (_num(p.get("x")), _num(p.get("y")))
            for p in edge.iterfind("di:waypoint", NS)
        ]
        if len(points) < 2 or not ref:
            continue
        flow = (
            root.find(f".//bpmn:sequenceFlow[@id='{ref}']", NS)
            if ref.replace("_", "").replace("-", "").isalnum()
            else None
        )
        edges.append(
            {
                "id": ref,
                "name": names.get(ref, ""),
                "source": flow.get("sourceRef") if flow is not None else None,
                "target": flow.get("targetRef") if flow is not None else None,
                "points": points,
            }
        )
    return {"shapes": shapes, "edges": edges}


def render_svg(
    *,
    bpmn: str,
    title: str,
    done: set[str] | frozenset[str] = frozenset(),
    current: set[str] | frozenset[str] = frozenset(),
    mark: bool = True,
    automatic: set[str] | frozenset[str] = frozenset(),
) -> str:
    """An accessible inline SVG of the process.

    ``done`` and ``current`` hold BPMN element ids.
    """
    layout = _layout(bpmn)
    shapes, edges = layout["shapes"], layout["edges"]
    if not shapes:
        missing = escape(_("Für diesen Prozess gibt es keine Diagrammdaten."))
        return f'<p class="sandbox-diagram__missing">{missing}</p>'
    if not mark:
        done, current = frozenset(), frozenset()
    xs = [s["x"] for s in shapes] + [p[0] for e in edges for p in e["points"]]
    ys = [s["y"] for s in shapes] + [p[1] for e in edges for p in e["points"]]
    x2 = [s["x"] + s["w"] for s in shapes] + xs
    y2 = [s["y"] + s["h"] for s in shapes] + ys
    min_x, min_y = min(xs) - 10, min(ys) - 10
    width, height = max(x2) - min_x + 10, max(y2) - min_y + 30
    out = [
        f'<svg class="sandbox-diagram" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{min_x:.0f} {min_y:.0f} {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
        '<defs><marker id="sandbox-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" class="bpmn-arrow"/></marker></defs>',
    ]
    # Pools and lanes first, so that everything else is drawn on top.
    for shape in shapes:
        if shape["kind"] not in ("participant", "lane"):
            continue
        x, y, w, h = shape["x"], shape["y"], shape["w"], shape["h"]
        css = "bpmn-pool" if shape["kind"] == "participant" else "bpmn-lane"
        label_x, label_y = x + 15, y + h / 2
        out.append(
            f'<g class="{css}"><rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
            f'height="{h:.1f}"/><text class="bpmn-lane__label" text-anchor="middle" '
            f'transform="rotate(-90 {label_x:.1f} {label_y:.1f})" x="{label_x:.1f}" '
            f'y="{label_y + 4:.1f}">{escape(shape["name"])}</text></g>'
        )
    for edge in edges:
        state = ""
        if edge["source"] in done and (
            edge["target"] in done or edge["target"] in current
        ):
            state = " is-done"
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in edge["points"])
        label = ""
        if edge["name"]:
            (x1, y1), (x2_, y2_) = edge["points"][0], edge["points"][1]
            label = (
                f'<text class="bpmn-flow__label" x="{(x1 + x2_) / 2 + 6:.1f}" '
                f'y="{(y1 + y2_) / 2 - 4:.1f}">{escape(edge["name"])}</text>'
            )
        out.append(
            f'<g class="bpmn-flow{state}"><polyline points="{points}" '
            f'marker-end="url(#sandbox-arrow)"/>{label}</g>'
        )
    current_label, done_label = _("aktueller Schritt"), _("erledigt")
    other_label = _("Element")
    for shape in shapes:
        kind = shape["kind"]
        if kind in ("participant", "lane", ""):
            continue
        element_id = shape["id"]
        state = ""
        status = ""
        if element_id in current:
            state, status = " is-current", f" ({current_label})"
        elif element_id in done:
            state, status = " is-done", f" ({done_label})"
        x, y, w, h = shape["x"], shape["y"], shape["w"], shape["h"]
        cx, cy = x + w / 2, y + h / 2
        name = shape["name"]
        tooltip = f"{KIND_LABELS.get(kind, other_label)}: {name or element_id}{status}"
        parts = [
            f'<g class="bpmn-{escape(kind)}{state}" '
            f'data-element="{escape(element_id)}">',
            f"<title>{escape(tooltip)}</title>",
        ]
        if kind in TASK_KINDS or kind not in EVENT_KINDS | GATEWAY_KINDS:
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                'rx="10" ry="10"/>'
            )
            if kind == "businessRuleTask":
                parts.append(
                    f'<path class="bpmn-icon" d="M {x + 8:.1f} {y + 8:.1f} h 16 v 12 '
                    f'h -16 z M {x + 8:.1f} {y + 12:.1f} h 16"/>'
                )
            parts.append(_text(cx, cy + 4, name, "bpmn-label"))
        elif kind in EVENT_KINDS:
            r = min(w, h) / 2
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}"/>')
            parts.append(
                _text(cx, y + h + 16, name, "bpmn-label bpmn-label--outside", 20)
            )
        else:
            parts.append(
                f'<polygon points="{cx:.1f},{y:.1f} {x + w:.1f},{cy:.1f} '
                f'{cx:.1f},{y + h:.1f} {x:.1f},{cy:.1f}"/>'
            )
            marker = "×" if kind == "exclusiveGateway" else "+"
            parts.append(
                f'<text class="bpmn-gateway__marker" x="{cx:.1f}" y="{cy + 7:.1f}" '
                f'text-anchor="middle">{marker}</text>'
            )
            parts.append(_text(cx, y - 16, name, "bpmn-label bpmn-label--outside", 20))
        if element_id in automatic:
            parts.append(_automatic_marker(x, y, w))
        parts.append("</g>")
        out.append("".join(parts))
    out.append("</svg>")
    return "".join(out)
