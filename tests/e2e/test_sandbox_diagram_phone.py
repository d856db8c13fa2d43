"""Browser at phone size: the process diagram scrolls, its labels stay readable and
gateway labels do not overlap flow labels (issue 11); a real model's diagram too
(issue 15)."""

import pytest

from tests.support.browser import (
    assert_no_horizontal_scroll,
    login,
    screenshot,
    submit_step,
)

pytestmark = pytest.mark.e2e

# Rendered boxes of the labels: gateway names and flow names, in screen pixels.
LABEL_BOXES = """
() => {
  const svg = document.querySelector('.sandbox-diagram');
  const kinds = {};
  svg.querySelectorAll('g[data-element]').forEach(g => {
    kinds[g.dataset.element] = g.getAttribute('class') || '';
  });
  const boxes = [];
  svg.querySelectorAll('text[data-label-for]').forEach(t => {
    const r = t.getBoundingClientRect();
    const kind = kinds[t.dataset.labelFor] || '';
    boxes.push({
      of: t.dataset.labelFor, text: t.textContent,
      gateway: kind.includes('Gateway'),
      flow: t.getAttribute('class').includes('bpmn-flow__label'),
      left: r.left, top: r.top, right: r.right, bottom: r.bottom,
      height: r.height,
    });
  });
  return boxes;
}
"""


def _overlap(a, b) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def check_diagram_on_phone(page) -> None:
    wrapper = page.locator(".sandbox-diagram-wrapper").first
    # The diagram keeps its drawn size and scrolls inside its frame; the page
    # itself does not scroll sideways.
    sizes = wrapper.evaluate(
        "w => ({scroll: w.scrollWidth, client: w.clientWidth,"
        " overflow: getComputedStyle(w).overflowX})"
    )
    assert sizes["overflow"] == "auto"
    assert sizes["scroll"] > sizes["client"]
    assert_no_horizontal_scroll(page)
    # Keyboard users can scroll it too.
    assert wrapper.get_attribute("tabindex") == "0"
    before = wrapper.evaluate("w => w.scrollLeft")
    wrapper.evaluate("w => w.scrollBy(200, 0)")
    assert wrapper.evaluate("w => w.scrollLeft") > before
    # Labels are drawn at 11–12 px: readable without zooming.
    scale = page.evaluate(
        "() => document.querySelector('.sandbox-diagram').getScreenCTM().a"
    )
    assert scale >= 0.95
    boxes = page.evaluate(LABEL_BOXES)
    assert boxes
    assert min(box["height"] for box in boxes) >= 10
    gateways = [b for b in boxes if b["gateway"]]
    flows = [b for b in boxes if b["flow"]]
    assert gateways and flows
    for gateway in gateways:
        for flow in flows:
            assert not _overlap(gateway, flow), (gateway, flow)
    # Pinch zoom stays allowed.
    viewport = page.locator("meta[name=viewport]").get_attribute("content")
    assert "user-scalable=no" not in viewport and "maximum-scale=1" not in viewport


def test_the_diagram_scrolls_and_stays_readable_on_a_phone(phone_page, demo_site):
    page = phone_page
    login(page, demo_site, "employee")
    page.goto(f"{demo_site}/sandbox/prozess/hund_anmelden/")
    check_diagram_on_phone(page)
    screenshot(page, "sandbox-diagramm-telefon")

    page.get_by_label("Fall").select_option("labrador")
    page.get_by_label("Üben").check()
    page.get_by_role("button", name="Durchlauf starten").click()
    assert page.get_by_role("heading", name="Anmeldung erfassen").is_visible()
    check_diagram_on_phone(page)


def test_a_real_models_diagram_on_a_phone(phone_page, demo_site):
    from pathlib import Path

    from sandbox import services
    from tests.support.sandbox import make_zip

    folder = Path(__file__).parent.parent / "sandbox" / "real_models" / "camunda"
    services.package_import(
        file=make_zip({p.name: p.read_bytes() for p in folder.iterdir()})
    )
    page = phone_page
    login(page, demo_site, "employee")
    page.goto(f"{demo_site}/sandbox/prozess/rechnung_camunda/")
    check_diagram_on_phone(page)
    page.get_by_label("Üben").check()
    page.get_by_role("button", name="Durchlauf starten").click()
    page.get_by_role("group", name="Rechnung freigegeben?").get_by_label(
        "Ja", exact=True
    ).check()
    submit_step(page)
    assert page.get_by_role("group", name="Wie geht es weiter?").is_visible()
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)  # the choice, the steps and the diagram frame
    assert results.violations_count == 0, results.generate_report()
    assert page.get_by_text("Automatischer Schritt: Prüfer zuordnen").is_visible()
    assert (
        page.locator(
            ".sandbox-diagram g[data-element='Task_Zuordnen'] .bpmn-automatic"
        ).count()
        == 1
    )
    page.get_by_role("group", name="Wie geht es weiter?").get_by_label(
        "ja", exact=True
    ).check()
    submit_step(page, "Weg wählen")
    assert page.get_by_text("Richtig – Ihre Eingaben passen zum Fall.").is_visible()
    screenshot(page, "sandbox-echtes-modell-telefon")
