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
