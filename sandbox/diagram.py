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

from . import diagram_shapes as shapes
from .diagram_labels import (
    CHAR_WIDTH,
    LINE_HEIGHT,
    Labels,
    edge_label_candidates,
    node_label_candidates,
    svg_text,
    wrap_text,
)
from .engine import BPMN_NS, parse_xml

DI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
OMGDI_NS = "http://www.omg.org/spec/DD/20100524/DI"
NS = {"bpmn": BPMN_NS, "bpmndi": DI_NS, "dc": DC_NS, "di": OMGDI_NS}

EDGE_KINDS = {
    "sequenceFlow",
    "messageFlow",
    "association",
    "dataInputAssociation",
    "dataOutputAssociation",
}
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
    "inclusiveGateway": gettext_lazy("Verzweigung"),
    "eventBasedGateway": gettext_lazy("Verzweigung nach Ereignis"),
    "intermediateCatchEvent": gettext_lazy("Zwischenereignis"),
    "intermediateThrowEvent": gettext_lazy("Zwischenereignis"),
    "serviceTask": gettext_lazy("automatischer Schritt"),
    "sendTask": gettext_lazy("automatischer Schritt"),
    "receiveTask": gettext_lazy("automatischer Schritt"),
    "callActivity": gettext_lazy("automatischer Schritt"),
    "subProcess": gettext_lazy("automatischer Schritt"),
    "textAnnotation": gettext_lazy("Anmerkung"),
    "dataObjectReference": gettext_lazy("Daten"),
    "dataStoreReference": gettext_lazy("Datenspeicher"),
}


def _num(value: str | None) -> float:
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def _automatic_marker(x: float, y: float, w: float) -> str:
    """A small "A" badge on a step the sandbox completes by itself."""
    cx, cy = x + w - 2, y + 2
    return (
        f'<g class="bpmn-automatic"><title>{escape(_("automatischer Schritt"))}'
        f'</title><circle cx="{cx:.1f}" cy="{cy:.1f}" r="8"/>'
        f'<text x="{cx:.1f}" y="{cy + 4:.1f}" text-anchor="middle">A</text></g>'
    )


def _bounds(element) -> dict | None:
    bounds = element.find("dc:Bounds", NS) if element is not None else None
    if bounds is None:
        return None
    return {
        "x": _num(bounds.get("x")),
        "y": _num(bounds.get("y")),
        "w": _num(bounds.get("width")),
        "h": _num(bounds.get("height")),
    }


@lru_cache(maxsize=64)
def _layout(bpmn: str) -> dict:
    """Shapes and edges of a BPMN document (cached per document text)."""
    root = parse_xml(bpmn)
    info: dict[str, dict] = {}
    category_values: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        qname = etree.QName(element)
        if qname.namespace != BPMN_NS or not element.get("id"):
            continue
        kind = qname.localname
        if kind == "categoryValue":
            category_values[element.get("id")] = element.get("value") or ""
        definition = next(
            (
                etree.QName(child).localname
                for child in element
                if isinstance(child.tag, str)
                and etree.QName(child).localname.endswith("EventDefinition")
            ),
            "",
        )
        text = element.find("bpmn:text", NS) if kind == "textAnnotation" else None
        info[element.get("id")] = {
            "kind": kind,
            "name": element.get("name") or "",
            "definition": definition,
            "source": element.get("sourceRef"),
            "target": element.get("targetRef"),
            "process": element.get("processRef"),
            "text": (text.text or "") if text is not None else "",
            "category": element.get("categoryValueRef"),
        }
    shapes_: list[dict] = []
    for shape in root.iterfind(".//bpmndi:BPMNShape", NS):
        bounds = _bounds(shape)
        ref = shape.get("bpmnElement")
        if bounds is None or not ref:
            continue
        data = info.get(ref, {})
        name = data.get("name", "")
        if data.get("kind") == "group":
            name = category_values.get(data.get("category") or "", "") or name
        shapes_.append(
            {
                "id": ref,
                "kind": data.get("kind", ""),
                "name": name,
                "definition": data.get("definition", ""),
                "text": data.get("text", ""),
                "process": data.get("process"),
                "label": _bounds(shape.find("bpmndi:BPMNLabel", NS)),
                **bounds,
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
        data = info.get(ref, {})
        edges.append(
            {
                "id": ref,
                "kind": data.get("kind", "sequenceFlow"),
                "name": data.get("name", ""),
                "source": data.get("source"),
                "target": data.get("target"),
                "points": points,
                "label": _bounds(edge.find("bpmndi:BPMNLabel", NS)),
            }
        )
    return {"shapes": shapes_, "edges": edges}


# --------------------------------------------------------------------- labels


def _edge(edge: dict, state: str) -> str:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in edge["points"])
    kind = edge["kind"]
    if kind == "messageFlow":
        return (
            f'<g class="bpmn-messageFlow" data-element="{escape(edge["id"])}">'
            f'<polyline points="{points}" stroke-dasharray="8 5" '
            'marker-start="url(#sandbox-open-circle)" '
            'marker-end="url(#sandbox-open-arrow)"/></g>'
        )
    if kind == "association":
        return (
            f'<g class="bpmn-association" data-element="{escape(edge["id"])}">'
            f'<polyline points="{points}" stroke-dasharray="2 4"/></g>'
        )
    if kind in ("dataInputAssociation", "dataOutputAssociation"):
        return (
            f'<g class="bpmn-dataAssociation" data-element="{escape(edge["id"])}">'
            f'<polyline points="{points}" stroke-dasharray="2 4" '
            'marker-end="url(#sandbox-open-arrow)"/></g>'
        )
    return (
        f'<g class="bpmn-flow{state}" data-element="{escape(edge["id"])}">'
        f'<polyline points="{points}" marker-end="url(#sandbox-arrow)"/></g>'
    )


def render_svg(  # noqa: C901 - one branch per kind of BPMN shape
    *,
    bpmn: str,
    title: str,
    done: set[str] | frozenset[str] = frozenset(),
    current: set[str] | frozenset[str] = frozenset(),
    mark: bool = True,
    automatic: set[str] | frozenset[str] = frozenset(),
    process_id: str | None = None,
) -> str:
    """An accessible inline SVG of the process, drawn as the modelling tools do.

    ``done`` and ``current`` hold BPMN element ids; ``automatic`` the steps the
    sandbox completes by itself (a small marker); pools of other processes than
    ``process_id`` are grey.
    """
    layout = _layout(bpmn)
    shapes_, edges = layout["shapes"], layout["edges"]
    if not shapes_:
        missing = escape(_("Für diesen Prozess gibt es keine Diagrammdaten."))
        return f'<p class="sandbox-diagram__missing">{missing}</p>'
    if not mark:
        done, current = frozenset(), frozenset()
    xs = [s["x"] for s in shapes_] + [p[0] for e in edges for p in e["points"]]
    ys = [s["y"] for s in shapes_] + [p[1] for e in edges for p in e["points"]]
    x2 = [s["x"] + s["w"] for s in shapes_] + xs
    y2 = [s["y"] + s["h"] for s in shapes_] + ys
    min_x, min_y = min(xs) - 40, min(ys) - 40
    width, height = max(x2) - min_x + 60, max(y2) - min_y + 50
    out = [
        f'<svg class="sandbox-diagram" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{min_x:.0f} {min_y:.0f} {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" '
        f'aria-label="{escape(title)}" preserveAspectRatio="xMinYMin meet">',
        f"<title>{escape(title)}</title>",
        shapes.marker_defs(),
    ]
    # Pools and lanes first, so that everything else is drawn on top.
    for shape in shapes_:
        if shape["kind"] not in ("participant", "lane"):
            continue
        x, y, w, h = shape["x"], shape["y"], shape["w"], shape["h"]
        css = "bpmn-lane"
        if shape["kind"] == "participant":
            other = process_id is not None and shape["process"] != process_id
            css = "bpmn-pool bpmn-pool--other" if other else "bpmn-pool"
        label_x, label_y = x + 15, y + h / 2
        out.append(
            f'<g class="{css}" data-element="{escape(shape["id"])}"><rect '
            f'x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"/>'
            f'<text class="bpmn-lane__label" text-anchor="middle" '
            f'transform="rotate(-90 {label_x:.1f} {label_y:.1f})" x="{label_x:.1f}" '
            f'y="{label_y + 4:.1f}">{escape(shape["name"])}</text></g>'
        )
    # Groups only outline (no fill), so they never cover a task.
    for shape in shapes_:
        if shape["kind"] != "group":
            continue
        out.append(
            f'<g class="bpmn-group" data-element="{escape(shape["id"])}"><rect '
            f'x="{shape["x"]:.1f}" y="{shape["y"]:.1f}" width="{shape["w"]:.1f}" '
            f'height="{shape["h"]:.1f}" rx="8" ry="8" fill="none" '
            'stroke-dasharray="10 4 2 4"/></g>'
        )
    for edge in edges:
        state = ""
        if edge["source"] in done and (
            edge["target"] in done or edge["target"] in current
        ):
            state = " is-done"
        out.append(_edge(edge, state))
    labels = Labels(edges)
    label_parts: list[str] = []
    # Labels the tools placed come first, so that the others avoid them.
    placed = [s for s in shapes_ if s["label"]] + [e for e in edges if e["label"]]
    for item in placed:
        css = "bpmn-flow__label" if item in edges else "bpmn-label bpmn-label--outside"
        label_parts.append(
            labels.place(item["name"], css, item["label"], [], of=item["id"])
        )
    for edge in edges:
        if not edge["label"] and edge["kind"] in ("sequenceFlow", "messageFlow"):
            label_parts.append(
                labels.place(
                    edge["name"],
                    "bpmn-flow__label",
                    None,
                    edge_label_candidates(edge),
                    of=edge["id"],
                    width=18,
                    own=edge["id"],
                )
            )
    current_label, done_label = _("aktueller Schritt"), _("erledigt")
    other_label = _("Element")
    for shape in shapes_:
        kind = shape["kind"]
        if kind in ("participant", "lane", "group", ""):
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
        outside = None
        if kind in shapes.EVENT_KINDS:
            r = min(w, h) / 2
            parts.append(shapes.event_rings(kind, cx, cy, r))
            parts.append(shapes.event_marker(shape["definition"], kind, cx, cy, r))
            outside = [
                (cx, lambda height, y=y, h=h: y + h + 4),
                *node_label_candidates(shape),
            ]
        elif kind in shapes.GATEWAY_KINDS:
            parts.append(
                f'<polygon points="{cx:.1f},{y:.1f} {x + w:.1f},{cy:.1f} '
                f'{cx:.1f},{y + h:.1f} {x:.1f},{cy:.1f}"/>'
            )
            parts.append(shapes.gateway_marker(kind, x, y, w, h))
            outside = node_label_candidates(shape)
        elif kind in shapes.DATA_KINDS:
            parts.append(shapes.data_shape(kind, x, y, w, h))
            outside = [(cx, lambda height, y=y, h=h: y + h + 4)]
        elif kind == "textAnnotation":
            parts.append(
                f'<path class="bpmn-annotation" d="M {x + 12:.1f} {y:.1f} '
                f'H {x:.1f} V {y + h:.1f} H {x + 12:.1f}" fill="none"/>'
            )
            lines = wrap_text(shape["text"], max(int(w / CHAR_WIDTH), 8), 6)
            parts.append(
                '<text class="bpmn-annotation__text">'
                + "".join(
                    f'<tspan x="{x + 6:.1f}" y="{y + 15 + i * LINE_HEIGHT:.1f}">'
                    f"{escape(line)}</tspan>"
                    for i, line in enumerate(lines)
                )
                + "</text>"
            )
        else:
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                'rx="10" ry="10"/>'
            )
            if kind == "businessRuleTask":
                parts.append(
                    f'<path class="bpmn-icon" d="M {x + 8:.1f} {y + 8:.1f} h 16 v 12 '
                    f'h -16 z M {x + 8:.1f} {y + 12:.1f} h 16"/>'
                )
            parts.append(svg_text(cx, cy + 4, name, "bpmn-label"))
        if element_id in automatic:
            parts.append(_automatic_marker(x, y, w))
        parts.append("</g>")
        out.append("".join(parts))
        if outside is not None and not shape["label"]:
            label_parts.append(
                labels.place(
                    name,
                    "bpmn-label bpmn-label--outside",
                    None,
                    outside,
                    of=element_id,
                    width=20,
                )
            )
    out.extend(label_parts)
    out.append("</svg>")
    return "".join(out)
