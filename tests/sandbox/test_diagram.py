from pathlib import Path

import pytest
from lxml import etree

from demo.sandboxes import DEMO_PACKAGES, DEMO_PACKAGES_DIR
from sandbox import selectors, services
from sandbox.diagram import render_svg
from sandbox.engine import definition_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", DEMO_PACKAGES)
def test_the_diagram_contains_every_task_of_the_process(name):
    folder = DEMO_PACKAGES_DIR / name
    bpmn = (folder / "process.bpmn").read_text()
    dmn = (
        (folder / "decisions.dmn").read_text()
        if (folder / "decisions.dmn").exists()
        else ""
    )
    svg = render_svg(bpmn=bpmn, title=name)
    root = etree.fromstring(svg.encode())
    elements = {
        g.get("data-element") for g in root.iter("{*}g") if g.get("data-element")
    }
    definition = definition_for(process_id=name, bpmn=bpmn, dmn=dmn)
    flow_nodes = {
        e.id for e in definition.elements.values() if e.kind != "sequenceFlow"
    }
    assert flow_nodes <= elements
    for element in definition.elements.values():
        if element.kind == "userTask":
            assert all(word in svg for word in element.name.split())
    assert 'class="bpmn-lane"' in svg


def test_the_run_diagram_marks_done_and_current_steps_but_not_in_exam(
    demo_packages, employee
):
    run = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="practice"
    )
    task = selectors.run_view(run=run)["ready_tasks"][0]
    run = services.run_submit_task(
        run=run, task_id=task["id"], data={"rasse": "Labrador", "anzahl_hunde": 1}
    )
    svg = selectors.run_diagram(run=run)
    assert 'class="bpmn-userTask is-current" data-element="Task_Gefahr"' in svg
    assert 'class="bpmn-userTask is-done" data-element="Task_Erfassen"' in svg
    assert "(aktueller Schritt)" in svg

    exam = services.run_start(
        user=employee, process_id="hund_anmelden", case_id="labrador", mode="exam"
    )
    svg = selectors.run_diagram(run=exam)
    assert "is-current" not in svg and "is-done" not in svg


def test_text_from_the_package_is_escaped():
    bpmn = (
        (DEMO_PACKAGES_DIR / "hund_anmelden" / "process.bpmn")
        .read_text()
        .replace(
            'name="Anmeldung erfassen"', 'name="&lt;script&gt;alert(1)&lt;/script&gt;"'
        )
    )
    svg = render_svg(bpmn=bpmn, title="<b>Titel</b>")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg
    etree.fromstring(svg.encode())  # well-formed


# --------------------------------------------------------------- real models

REAL_MODELS = Path(__file__).parent / "real_models"


def _svg(tool: str, process_id: str, **kwargs):
    bpmn = (REAL_MODELS / tool / "process.bpmn").read_text()
    svg = render_svg(bpmn=bpmn, title=tool, process_id=process_id, **kwargs)
    return etree.fromstring(svg.encode())


def _group(root, element_id: str):
    found = root.xpath(f"//*[local-name()='g'][@data-element='{element_id}']")
    assert found, element_id
    return found[0]


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def test_events_are_circles_with_their_rings_and_markers():
    root = _svg("bpmnio", "fundsache_bpmnio")
    start = _group(root, "Start_Fund")
    rings = start.xpath("./*[local-name()='circle']")
    assert [_classes(c) for c in rings] == [{"bpmn-ring", "bpmn-ring--start"}]
    assert start.xpath(".//*[contains(@class, 'bpmn-marker--message')]")
    timer = _group(root, "Event_Frist")
    assert len(timer.xpath("./*[local-name()='circle']")) == 2  # double ring
    assert timer.xpath(".//*[contains(@class, 'bpmn-marker--timer')]")
    throw = _group(root, "Link_Wurf")
    marker = throw.xpath(".//*[contains(@class, 'bpmn-marker--link')]")[0]
    assert "is-filled" in _classes(marker)  # a throwing event's marker is filled
    catch = _group(root, "Link_Fang")
    assert "is-filled" not in _classes(
        catch.xpath(".//*[contains(@class, 'bpmn-marker--link')]")[0]
    )
    end = _group(root, "End_Verwertet")
    ring = end.xpath("./*[local-name()='circle']")[0]
    assert ring.get("stroke-width") == "4"
    assert end.xpath(".//*[contains(@class, 'bpmn-marker--error')]")
    none_event = _group(root, "Event_Eingelagert")
    assert not none_event.xpath(".//*[contains(@class, 'bpmn-marker')]")
    signal = _svg("spiffarena", "hundesteuer_spiff")
    assert _group(signal, "Event_Signal").xpath(
        ".//*[contains(@class, 'bpmn-marker--signal')]"
    )
    assert _group(signal, "End_Bescheid").xpath(
        ".//*[contains(@class, 'bpmn-marker--terminate')]"
    )


def test_the_event_based_gateway_has_its_marker():
    root = _svg("bpmnio", "fundsache_bpmnio")
    gateway = _group(root, "Gateway_Warten")
    assert gateway.xpath("./*[local-name()='polygon']")  # the diamond
    marker = gateway.xpath(".//*[contains(@class, 'bpmn-gateway__marker--event')]")
    assert marker and marker[0].xpath("./*[local-name()='polygon']")  # pentagon


def test_message_flows_associations_annotations_groups_and_other_pools():
    root = _svg("signavio", "sperrmuell_signavio")
    message = _group(root, "sid-mf-termin").xpath("./*[local-name()='polyline']")[0]
    assert message.get("stroke-dasharray")
    assert message.get("marker-start") == "url(#sandbox-open-circle)"
    assert message.get("marker-end") == "url(#sandbox-open-arrow)"
    open_arrow = root.xpath("//*[@id='sandbox-open-arrow']//*[local-name()='path']")
    assert open_arrow[0].get("fill") == "#ffffff"  # open, not filled
    association = _group(root, "sid-assoc").xpath("./*[local-name()='polyline']")[0]
    assert association.get("stroke-dasharray") == "2 4"  # dotted
    assert association.get("marker-end") is None
    note = _group(root, "sid-note")
    text = "".join(note.xpath(".//*[local-name()='tspan']/text()"))
    assert "Höchstens 3 m³ je" in text and "Abholung" in text
    assert "bpmn-pool--other" in _classes(_group(root, "sid-pool-buerger"))
    assert "bpmn-pool--other" not in _classes(_group(root, "sid-pool-stadt"))
    store = _group(root, "sid-storeref")
    assert store.xpath(".//*[contains(@class, 'bpmn-data')]")

    bizagi = _svg("bizagi", "parkausweis_bizagi")
    group = _group(bizagi, "Group_Fristen")
    outline = group.xpath("./*[local-name()='rect']")[0]
    assert outline.get("fill") == "none" and outline.get("stroke-dasharray")
    # The group is drawn before the tasks, so it never covers one.
    order = [g.get("data-element") for g in bizagi.iter("{*}g")]
    assert order.index("Group_Fristen") < order.index("Task_Ausstellen")


def _label_box(text_element):
    spans = text_element.xpath("./*[local-name()='tspan']")
    xs = [float(s.get("x")) for s in spans]
    ys = [float(s.get("y")) for s in spans]
    width = max(len(s.text or "") for s in spans) * 6.6
    return (xs[0] - width / 2, min(ys) - 11, xs[0] + width / 2, max(ys) + 3)


def test_labels_sit_at_their_di_bounds_and_never_overlap():
    root = _svg("camunda", "rechnung_camunda")
    labels = {
        "".join(t.xpath(".//text()")): t
        for t in root.xpath("//*[local-name()='text']")
        if "bpmn-flow__label" in _classes(t) or "bpmn-label--outside" in _classes(t)
    }
    # Camunda put the gateway's name below it at x=557, y=322, width 66.
    span = labels["Freigegeben?"].xpath("./*[local-name()='tspan']")[0]
    assert (float(span.get("x")), float(span.get("y"))) == (557 + 33, 322 + 11)
    for tool, process in [
        ("camunda", "rechnung_camunda"),
        ("bpmnio", "fundsache_bpmnio"),
        ("spiffarena", "hundesteuer_spiff"),
    ]:
        root = _svg(tool, process)
        boxes = [
            _label_box(t)
            for t in root.xpath("//*[local-name()='text']")
            if "bpmn-flow__label" in _classes(t) or "bpmn-label--outside" in _classes(t)
        ]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                assert not overlap, (tool, a, b)


@pytest.mark.parametrize("name", DEMO_PACKAGES)
def test_gateway_labels_of_the_demo_packages_do_not_overlap_flow_labels(name):
    bpmn = (DEMO_PACKAGES_DIR / name / "process.bpmn").read_text()
    root = etree.fromstring(render_svg(bpmn=bpmn, title=name).encode())
    flows = [
        _label_box(t)
        for t in root.xpath("//*[local-name()='text']")
        if "bpmn-flow__label" in _classes(t)
    ]
    outside = [
        _label_box(t)
        for t in root.xpath("//*[local-name()='text']")
        if "bpmn-label--outside" in _classes(t)
    ]
    for a in outside:
        for b in flows:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_automatic_steps_get_a_marker_in_the_run_view(api):
    from tests.sandbox.test_real_models import members
    from tests.support.sandbox import make_zip

    services.package_import(file=make_zip(members("camunda")))
    response = api.post(
        "/api/v1/sandbox/runs/",
        {"process": "rechnung_camunda", "case": "buerobedarf", "mode": "practice"},
        format="json",
    )
    from sandbox.models import SandboxRun

    run = SandboxRun.objects.get(pk=response.json()["id"])
    root = etree.fromstring(selectors.run_diagram(run=run).encode())
    for automatic in ("Task_Zuordnen", "Task_Archivieren", "Activity_Klaerung"):
        assert _group(root, automatic).xpath(
            ".//*[contains(@class, 'bpmn-automatic')]"
        ), automatic
    assert not _group(root, "Task_Freigeben").xpath(
        ".//*[contains(@class, 'bpmn-automatic')]"
    )
