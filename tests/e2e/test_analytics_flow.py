"""Browser: a head's dashboard on desktop and phone – charts drawn by our own
plotly.js under the strict CSP (no script or style blocked, nothing from another host),
"< 5" cells without a figure, no serious axe finding."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from lms.models import OrgUnit
from tests.e2e.test_content_security_policy import PolicyWatch
from tests.support.browser import assert_no_horizontal_scroll, login, screenshot

pytestmark = pytest.mark.e2e

SERIOUS = ("serious", "critical")


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']}"
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


def check_dashboard(page, base_url: str, name: str) -> None:
    watch = PolicyWatch(page)
    foreign = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(base_url) or request.url.startswith("data:")
            else foreign.append(request.url)
        ),
    )
    scripts = []
    page.on(
        "response",
        lambda response: (
            scripts.append((response.url, response.status))
            if response.url.endswith(".js")
            else None
        ),
    )
    # The mayor's office heads the whole town: small units are in the subtree.
    head = OrgUnit.objects.get(code="stadt").heads.first()
    login(page, base_url, head.username)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Auswertungen"
    ).click()
    expect(
        page.get_by_role("heading", name="Auswertungen: Bereitschaft und Nutzung")
    ).to_be_visible()
    # Every chart is drawn by plotly.js (an SVG inside its box).
    expect(page.locator(".chart .main-svg").first).to_be_visible(timeout=30_000)
    assert page.locator(".chart").count() == 6
    page.wait_for_function("document.querySelectorAll('.chart .main-svg').length >= 6")
    assert (f"{base_url}/static/analytics/plotly.min.js", 200) in scripts
    # A small unit: "< 5" in the data table and in the heatmap, no figure.
    row = page.locator("tr", has=page.locator("td", has_text="Rechnungsprüfung"))
    expect(row.first.locator("td.suppressed")).to_have_text("< 5")
    assert row.first.locator("td").nth(3).inner_text() == "–"
    heatmap_text = page.locator("#chart-heatmap-title ~ .chart").inner_text()
    assert "< 5" in heatmap_text
    page.get_by_text("So lesen Sie die Grafik").first.click()
    expect(page.get_by_text("Graue Felder mit „< 5“").first).to_be_visible()
    assert_no_horizontal_scroll(page)
    screenshot(page, f"dashboard-{name}")
    # Nothing is blocked, script or style: plotly.js comes from our static files,
    # starts from one static file, and its CSS rules come from our stylesheet.
    violations = watch.violations()
    assert violations == [], "\n".join(violations)
    assert foreign == []
    assert serious_violations(page) == []


def test_head_dashboard_on_desktop_and_phone(browser, page, demo_site):
    check_dashboard(page, demo_site, "desktop")
    phone = browser.new_context(
        locale="de-DE",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    try:
        phone_page = phone.new_page()
        phone_page.set_default_timeout(15_000)
        check_dashboard(phone_page, demo_site, "phone")
    finally:
        phone.close()


def test_the_other_analytics_pages_have_no_serious_axe_finding(page, demo_site):
    """The training admin's dashboard (with recompute and upload), initiatives, a
    wave's start and results, the adoption upload; a person's readiness and survey."""
    from analytics.models import Initiative, SurveyWave
    from analytics.selectors.surveys import wave_scope_user_ids
    from lms.models import StaffProfile

    initiative = Initiative.objects.order_by("pk").first()
    wave = SurveyWave.objects.filter(initiative=initiative).first()
    login(page, demo_site, "training_admin")
    findings = {}
    for path in (
        "/auswertungen/",
        "/auswertungen/initiativen/",
        "/auswertungen/initiativen/neu/",
        f"/auswertungen/initiativen/{initiative.pk}/",
        f"/auswertungen/initiativen/{initiative.pk}/befragungsrunde/",
        f"/auswertungen/befragungen/{wave.pk}/",
        "/auswertungen/nutzungszahlen/",
    ):
        response = page.goto(demo_site + path)
        assert response.status == 200 and page.url == demo_site + path, path
        expect(page.locator("h1")).to_be_visible()
        findings[path] = serious_violations(page)
    page.context.clear_cookies()

    in_scope = StaffProfile.objects.filter(user_id__in=wave_scope_user_ids(wave))
    person = in_scope.select_related("user").order_by("user__username").first().user
    login(page, demo_site, person.username)
    for path in ("/lernen/bereitschaft/", f"/lernen/befragung/{wave.pk}/"):
        response = page.goto(demo_site + path)
        assert response.status == 200 and page.url == demo_site + path, path
        expect(page.locator("h1")).to_be_visible()
        findings[path] = serious_violations(page)
    assert findings == {path: [] for path in findings}
