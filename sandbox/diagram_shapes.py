"""Shapes of the diagram: BPMN's notation for events, gateways, data and artefacts.

Pure functions from coordinates to SVG fragments (no escaping needed: they only
take numbers). ``sandbox.diagram`` decides what to draw where.
"""

from __future__ import annotations

EVENT_KINDS = {
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
}
GATEWAY_KINDS = {
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
}
DATA_KINDS = {"dataObjectReference", "dataObject", "dataStoreReference"}
THROWING = {"endEvent", "intermediateThrowEvent"}


def marker_defs() -> str:
    """Arrow heads of the three kinds of edges."""
    return (
        "<defs>"
        '<marker id="sandbox-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'class="bpmn-arrow"/></marker>'
        '<marker id="sandbox-open-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" '
        'orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" class="bpmn-open-arrow" '
        'fill="#ffffff"/></marker>'
        '<marker id="sandbox-open-circle" viewBox="0 0 10 10" refX="5" refY="5" '
        'markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse">'
        '<circle cx="5" cy="5" r="4" class="bpmn-open-circle" fill="#ffffff"/>'
        "</marker>"
        "</defs>"
    )


def event_rings(kind: str, cx: float, cy: float, r: float) -> str:
    """Start: one thin ring; intermediate: a double ring; end: one thick ring."""
    if kind == "startEvent":
        return (
            f'<circle class="bpmn-ring bpmn-ring--start" cx="{cx:.1f}" '
            f'cy="{cy:.1f}" r="{r:.1f}"/>'
        )
    if kind == "endEvent":
        return (
            f'<circle class="bpmn-ring bpmn-ring--end" cx="{cx:.1f}" cy="{cy:.1f}" '
            f'r="{r:.1f}" stroke-width="4"/>'
        )
    return (
        f'<circle class="bpmn-ring bpmn-ring--intermediate" cx="{cx:.1f}" '
        f'cy="{cy:.1f}" r="{r:.1f}"/>'
        f'<circle class="bpmn-ring bpmn-ring--inner" cx="{cx:.1f}" cy="{cy:.1f}" '
        f'r="{max(r - 3, 1):.1f}"/>'
    )


def event_marker(definition: str, kind: str, cx: float, cy: float, r: float) -> str:
    """The marker inside an event circle (filled when the event throws)."""
    if not definition:
        return ""
    name = definition.removesuffix("EventDefinition")
    filled = kind in THROWING or definition == "terminateEventDefinition"
    css = f"bpmn-marker bpmn-marker--{name}" + (" is-filled" if filled else "")
    s = r * 0.55
    if name == "message":
        x, y, w, h = cx - s, cy - s * 0.7, 2 * s, 1.4 * s
        shape = (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"/>'
            f'<path d="M {x:.1f} {y:.1f} L {cx:.1f} {cy:.1f} L {x + w:.1f} {y:.1f}"/>'
        )
    elif name == "timer":
        shape = (
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{s:.1f}"/>'
            f'<path d="M {cx:.1f} {cy - s * 0.8:.1f} L {cx:.1f} {cy:.1f} '
            f'L {cx + s * 0.6:.1f} {cy:.1f}"/>'
        )
    elif name == "signal":
        shape = (
            f'<polygon points="{cx:.1f},{cy - s:.1f} {cx + s:.1f},{cy + s * 0.75:.1f} '
            f'{cx - s:.1f},{cy + s * 0.75:.1f}"/>'
        )
    elif name == "error":
        shape = (
            f'<polygon points="{cx - s:.1f},{cy + s:.1f} {cx - s * 0.4:.1f},'
            f"{cy - s:.1f} {cx + s * 0.2:.1f},{cy + s * 0.2:.1f} {cx + s:.1f},"
            f"{cy - s:.1f} {cx + s * 0.4:.1f},{cy + s:.1f} {cx - s * 0.2:.1f},"
            f'{cy - s * 0.2:.1f}"/>'
        )
    elif name == "link":
        shape = (
            f'<polygon points="{cx - s:.1f},{cy - s * 0.35:.1f} {cx + s * 0.2:.1f},'
            f"{cy - s * 0.35:.1f} {cx + s * 0.2:.1f},{cy - s * 0.8:.1f} {cx + s:.1f},"
            f"{cy:.1f} {cx + s * 0.2:.1f},{cy + s * 0.8:.1f} {cx + s * 0.2:.1f},"
            f'{cy + s * 0.35:.1f} {cx - s:.1f},{cy + s * 0.35:.1f}"/>'
        )
    elif name == "escalation":
        shape = (
            f'<polygon points="{cx:.1f},{cy - s:.1f} {cx + s * 0.7:.1f},{cy + s:.1f} '
            f'{cx:.1f},{cy + s * 0.3:.1f} {cx - s * 0.7:.1f},{cy + s:.1f}"/>'
        )
    elif name == "terminate":
        shape = f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{s:.1f}"/>'
    elif name == "conditional":
        shape = (
            f'<rect x="{cx - s * 0.7:.1f}" y="{cy - s:.1f}" width="{s * 1.4:.1f}" '
            f'height="{2 * s:.1f}"/><path d="M {cx - s * 0.4:.1f} {cy - s * 0.4:.1f} '
            f"h {s * 0.8:.1f} M {cx - s * 0.4:.1f} {cy:.1f} h {s * 0.8:.1f} "
            f'M {cx - s * 0.4:.1f} {cy + s * 0.4:.1f} h {s * 0.8:.1f}"/>'
        )
    else:
        return ""
    return f'<g class="{css}">{shape}</g>'


def gateway_marker(kind: str, x: float, y: float, w: float, h: float) -> str:
    cx, cy = x + w / 2, y + h / 2
    s = min(w, h) / 4
    if kind == "exclusiveGateway":
        d = (
            f"M {cx - s:.1f} {cy - s:.1f} L {cx + s:.1f} {cy + s:.1f} "
            f"M {cx + s:.1f} {cy - s:.1f} L {cx - s:.1f} {cy + s:.1f}"
        )
        return f'<path class="bpmn-gateway__marker" d="{d}" stroke-width="3"/>'
    if kind == "parallelGateway":
        d = f"M {cx:.1f} {cy - s:.1f} V {cy + s:.1f} M {cx - s:.1f} {cy:.1f} H {cx + s:.1f}"
        return f'<path class="bpmn-gateway__marker" d="{d}" stroke-width="3"/>'
    if kind == "inclusiveGateway":
        return (
            f'<circle class="bpmn-gateway__marker" cx="{cx:.1f}" cy="{cy:.1f}" '
            f'r="{s:.1f}" stroke-width="2.5" fill="none"/>'
        )
    if kind == "eventBasedGateway":
        p = s * 0.55
        pentagon = " ".join(
            f"{cx + p * dx:.1f},{cy + p * dy:.1f}"
            for dx, dy in (
                (0, -1),
                (0.95, -0.31),
                (0.59, 0.81),
                (-0.59, 0.81),
                (-0.95, -0.31),
            )
        )
        return (
            '<g class="bpmn-gateway__marker bpmn-gateway__marker--event">'
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{s * 1.1:.1f}" fill="none"/>'
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{s * 0.9:.1f}" fill="none"/>'
            f'<polygon points="{pentagon}" fill="none"/></g>'
        )
    if kind == "complexGateway":
        d = (
            f"M {cx:.1f} {cy - s:.1f} V {cy + s:.1f} M {cx - s:.1f} {cy:.1f} "
            f"H {cx + s:.1f} M {cx - s * 0.7:.1f} {cy - s * 0.7:.1f} "
            f"L {cx + s * 0.7:.1f} {cy + s * 0.7:.1f} M {cx + s * 0.7:.1f} "
            f"{cy - s * 0.7:.1f} L {cx - s * 0.7:.1f} {cy + s * 0.7:.1f}"
        )
        return f'<path class="bpmn-gateway__marker" d="{d}" stroke-width="2.5"/>'
    return ""


def data_shape(kind: str, x: float, y: float, w: float, h: float) -> str:
    """A data object (a page with a folded corner) or a data store (a cylinder)."""
    if kind == "dataStoreReference":
        e = min(h / 6, 8)
        return (
            f'<path class="bpmn-data" d="M {x:.1f} {y + e:.1f} '
            f"A {w / 2:.1f} {e:.1f} 0 0 1 {x + w:.1f} {y + e:.1f} V {y + h - e:.1f} "
            f"A {w / 2:.1f} {e:.1f} 0 0 1 {x:.1f} {y + h - e:.1f} Z "
            f'M {x:.1f} {y + e:.1f} A {w / 2:.1f} {e:.1f} 0 0 0 {x + w:.1f} {y + e:.1f}"/>'
        )
    f = min(w, h) / 4
    return (
        f'<path class="bpmn-data" d="M {x:.1f} {y:.1f} H {x + w - f:.1f} '
        f"L {x + w:.1f} {y + f:.1f} V {y + h:.1f} H {x:.1f} Z "
        f'M {x + w - f:.1f} {y:.1f} V {y + f:.1f} H {x + w:.1f}"/>'
    )
