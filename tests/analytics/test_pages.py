"""Dashboard pages and exports: suppression, scope, access log, uploads."""

import hashlib
import io

import pytest
from django.contrib.staticfiles import finders
from openpyxl import load_workbook

from analytics.models import AccessLog, AdoptionFigure, SurveyAnswer, SurveyWave
from analytics.services.recompute import readiness_recompute


@pytest.fixture
def computed(town):
    readiness_recompute()
    return town


def client_for(client, user):
    client.force_login(user)
    return client


def test_head_dashboard_shows_less_than_five_without_figure_and_is_logged(
    client, computed
):
    client_for(client, computed["head"])
    response = client.get("/auswertungen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Einführung zu planen" in html and "nie der Beurteilung" in html
    assert "Formel Version 1" in html
    assert 'src="/static/analytics/plotly.min.js"' in html
    assert "So lesen Sie die Grafik" in html
    assert html.count('id="chart-') >= 6  # six figure JSON blocks
    assert "Team A" in html and "&lt; 5" in html
    assert "Kasse" not in html  # outside the head's subtree
    for person in computed["people"]["team-a"]:
        assert person.last_name not in html  # no names anywhere
    entry = AccessLog.objects.get()
    assert (entry.user, entry.action, entry.target) == (
        computed["head"],
        "view",
        "dashboard",
    )


def test_employee_gets_403_on_the_dashboard(client, computed):
    client_for(client, computed["employee"])
    assert client.get("/auswertungen/").status_code == 403
    assert client.get("/auswertungen/export.csv").status_code == 403


def test_csv_export_for_german_excel_with_the_same_suppression(client, computed):
    client_for(client, computed["training_admin"])
    response = client.get("/auswertungen/export.csv")
    assert response.status_code == 200
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").splitlines()
    header = lines[0].split(";")
    assert header[:4] == ["Einheit", "Kürzel", "Prozess", "Personen"]
    rows = {line.split(";")[1]: line.split(";") for line in lines[1:]}
    assert rows["archiv"][3:9] == ["< 5", "", "", "", "", ""]  # n = 4
    assert rows["team-a"][3] == "< 5" and rows["team-c"][3] == "< 5"
    assert rows["kasse"][3] == "5"  # n = 5 is shown
    assert "," in rows["kasse"][4] or rows["kasse"][4].isdigit()  # decimal comma
    assert "." not in rows["kasse"][4]
    totals = [r for r in lines[1:] if r.startswith("Gesamt;")]
    assert len(totals) == 1
    entry = AccessLog.objects.get()
    assert entry.action == "export_csv"


def test_xlsx_export_has_an_explanation_sheet_and_the_same_suppression(
    client, computed
):
    client_for(client, computed["head"])
    response = client.get("/auswertungen/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Bereitschaft", "Erläuterung"]
    rows = {row[1]: row for row in book["Bereitschaft"].iter_rows(values_only=True)}
    assert rows["team-a"][3] == "< 5" and rows["team-a"][4] in (None, "")
    assert rows["team-b"][3] == 10 and isinstance(rows["team-b"][4], (int, float))
    explanation = " ".join(
        str(v) for row in book["Erläuterung"].iter_rows(values_only=True) for v in row
    )
    assert "5 Personen" in explanation and "Personen" in explanation
    assert AccessLog.objects.get().action == "export_xlsx"


def test_plotly_js_comes_from_the_installed_package():
    found = finders.find("analytics/plotly.min.js")
    assert found and found.endswith("plotly/package_data/plotly.min.js")


def test_adoption_csv_upload_reports_bad_lines_and_saves_nothing(client, town):
    client_for(client, town["training_admin"])
    data = (
        b"org_unit;process;week;digital;total\n"
        b"team-b;hund_anmelden;2026-W47;3;10\n"
        b"nirgends;hund_anmelden;2026-W47;3;10\n"
        b"team-b;hund_anmelden;2026-W48;12;10\n"
        b"team-b;hund_anmelden;2026-W47;1;10\n"
        b"team-b;hund_anmelden;2026-W49;-1;10\n"
        b"team-b;katze_anmelden;2026-W47;3;10\n"
    )
    upload = io.BytesIO(data)
    upload.name = "zahlen.csv"
    response = client.post("/auswertungen/nutzungszahlen/", {"file": upload})
    html = response.content.decode()
    assert "Nichts gespeichert" in html
    assert "Zeile 3: Unbekannte Organisationseinheit" in html
    assert "Zeile 4: Digital kann nicht größer als gesamt sein." in html
    assert (
        "Zeile 5: Diese Woche steht für Einheit und Prozess schon in Zeile 2." in html
    )
    assert "Zeile 6:" in html and "negativ" in html
    assert "Zeile 7: Unbekannter Prozess „katze_anmelden“." in html
    assert not AdoptionFigure.objects.exists()


def test_adoption_csv_upload_saves_a_good_file(client, town):
    client_for(client, town["training_admin"])
    upload = io.BytesIO(
        "\ufefforg_unit;process;week;digital;total\nteam-b;hund_anmelden;2026-W47;3;10\n".encode()
    )
    upload.name = "zahlen.csv"
    response = client.post(
        "/auswertungen/nutzungszahlen/", {"file": upload}, follow=True
    )
    assert "1 Wochenzahlen gespeichert." in response.content.decode()
    assert AdoptionFigure.objects.get().digital == 3


def test_my_readiness_page_shows_my_own_readiness_and_next_step(client, computed):
    client_for(client, computed["employee"])
    html = client.get("/lernen/bereitschaft/").content.decode()
    assert "Meine Bereitschaft" in html and "Nur Sie sehen diese Seite" in html
    assert "von 100 Punkten" in html
    assert "/sandbox/prozess/hund_anmelden/" in html  # barrier Ab: practise


def test_survey_answer_is_stored_under_a_pseudonym(client, computed):
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    wave = SurveyWave.objects.create(
        initiative=computed["initiative"],
        title="Stimmungsbild",
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
    )
    client_for(client, computed["employee"])
    page = client.get("/lernen/bereitschaft/").content.decode()
    assert f"/lernen/befragung/{wave.pk}/" in page
    answer = {
        "awareness": "5",
        "desire": "4",
        "knowledge": "3",
        "ability": "2",
        "reinforcement": "1",
    }
    response = client.post(f"/lernen/befragung/{wave.pk}/", answer, follow=True)
    assert "ohne Ihren Namen" in response.content.decode()
    stored = SurveyAnswer.objects.get()
    assert stored.awareness == 5
    # Nothing in the row leads to the account: no link to a person, and the
    # pseudonym is a keyed hash, not a plain one anybody could recompute.
    assert not any(
        field.related_model is type(computed["employee"])
        for field in SurveyAnswer._meta.get_fields()
    )
    plain = hashlib.sha256(f"{wave.pk}:{computed['employee'].pk}".encode())
    assert len(stored.pseudonym) == 64 and stored.pseudonym != plain.hexdigest()
    bad = client.post(f"/lernen/befragung/{wave.pk}/", dict(answer, desire="9"))
    assert bad.status_code == 200 and SurveyAnswer.objects.get().desire == 4
    # Someone outside the initiative's units gets no survey.
    client.force_login(computed["head"])
    assert client.get(f"/lernen/befragung/{wave.pk}/").status_code == 404


def test_access_log_page_only_for_administrators(client, computed, make_person):
    from lms import roles

    admin = make_person(role_names={roles.ADMIN})
    client_for(client, computed["head"]).get("/auswertungen/")
    client.force_login(computed["training_admin"])
    assert client.get("/auswertungen/protokoll/").status_code == 403
    client.force_login(admin)
    html = client.get("/auswertungen/protokoll/").content.decode()
    assert "leitung.amt" in html


def test_head_start_page_has_a_compact_summary_with_a_link(client, catalogue, computed):
    from analytics.selectors.dashboard import dashboard_unit_scope, readiness_table

    head = computed["head"]
    html = client_for(client, head).get("/").content.decode()
    assert "Bereitschaft in Ihren Einheiten" in html
    assert 'href="/auswertungen/"' in html and "Zu den Auswertungen" in html
    total = readiness_table(
        process_ids=["hund_anmelden"], visible=dashboard_unit_scope(head)
    ).totals[0]
    shown = "&lt; 5" if total.suppressed else f"Ø {round(total.readiness)} von 100"
    assert shown in html
    assert "Team A" in html  # the head's units; no figure of Kasse or of a person
    assert AccessLog.objects.filter(user=head, target="home-summary").exists()

    html = client_for(client, computed["employee"]).get("/").content.decode()
    assert "Bereitschaft in Ihren Einheiten" not in html
    assert "Zu den Auswertungen" not in html
    assert 'href="/lernen/bereitschaft/"' in html


def test_dashboard_filters_stay_within_what_the_viewer_may_see(client, computed):
    units = computed["units"]
    client_for(client, computed["training_admin"])
    html = client.get(f"/auswertungen/?unit={units['team-b'].pk}").content.decode()
    # Every unit is offered by name in the filter.
    assert f'<option value="{units["kasse"].pk}">Kasse</option>' in html
    assert f'<option value="{units["team-b"].pk}" selected>Team B</option>' in html
    table = html[html.index("<table") :]
    assert "Team B" in table and "Kasse" not in table and "Team C" not in table
    csv = client.get(f"/auswertungen/export.csv?unit={units['team-b'].pk}")
    codes = [
        line.split(";")[1] for line in csv.content.decode("utf-8-sig").splitlines()[1:]
    ]
    assert "team-b" in codes and "kasse" not in codes

    # A head asking for a unit outside the own subtree sees the own subtree only.
    client_for(client, computed["head"])
    html = client.get(f"/auswertungen/?unit={units['kasse'].pk}").content.decode()
    assert "Kasse" not in html and "Team B" in html
    assert f'<option value="{units["team-b"].pk}">Team B</option>' in html
    assert AccessLog.objects.filter(
        user=computed["head"], filters__unit=str(units["kasse"].pk)
    ).exists()


def test_dashboard_queries_do_not_grow_with_units(
    client, computed, make_person, django_capture_on_commit_callbacks
):
    """Equal queries at two data sizes: when the charts are built and when they
    come from the cache (the benchmark measures the same at data-centre scale)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from analytics.chart_cache import dashboard_charts_invalidate
    from tests.support.factories import OrgUnitFactory

    client_for(client, computed["training_admin"])
    url = "/auswertungen/"

    def new_generation() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            dashboard_charts_invalidate()

    def queries() -> tuple[int, int]:
        counts = []
        new_generation()
        assert client.get(url).status_code == 200  # per-person caches warm
        new_generation()
        for _ in range(2):  # the charts built, then from the cache
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts[0], counts[1]

    few = queries()
    for number in range(30):
        unit = OrgUnitFactory(
            code=f"weitere-{number}",
            name=f"Weitere Einheit {number}",
            parent=computed["units"]["amt"],
        )
        for _ in range(5):
            make_person(unit=unit)
        computed["initiative"].org_units.add(unit)
    readiness_recompute()
    new_generation()
    html = client.get(url).content.decode()
    table = html[html.index("<table") :]
    assert "Weitere Einheit 29" in table and "Team B" in table
    assert queries() == few
    assert few[1] < few[0]  # the cache spares the grouped reads


def test_four_people_are_suppressed_and_five_shown_on_the_page_and_in_xlsx(
    client, computed
):
    import re

    client_for(client, computed["training_admin"])
    html = client.get("/auswertungen/").content.decode()

    def people(unit: str) -> str:
        match = re.search(rf"<td>{unit}</td><td>[^<]*</td><td[^>]*>([^<]*)</td>", html)
        assert match, unit
        return match[1]

    assert people("Archiv") == "&lt; 5"  # n = 4
    assert people("Kasse") == "5"  # n = 5
    book = load_workbook(io.BytesIO(client.get("/auswertungen/export.xlsx").content))
    rows = {row[1]: row for row in book["Bereitschaft"].iter_rows(values_only=True)}
    assert rows["archiv"][3] == "< 5" and rows["archiv"][4] in (None, "")
    assert rows["kasse"][3] == 5 and isinstance(rows["kasse"][4], (int, float))
