"""The tables of a person's runs (process page, sandbox overview): each row is
rendered once per what it shows and kept (sandbox_tags.run_rows), so a row
that changes, or a reader in another language, gets a row of its own."""

import re

import pytest
from django.conf import settings
from django.test.signals import template_rendered
from django.urls import reverse

from sandbox import services
from tests.support.sandbox import play

pytestmark = pytest.mark.django_db

ROW_TEMPLATE = "sandbox/includes/run_row.html"


@pytest.fixture
def rows_rendered():
    """How often the row template is rendered, while the test runs."""
    names: list[str] = []

    def count(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(count)
    yield lambda: names.count(ROW_TEMPLATE)
    template_rendered.disconnect(count)


def status_cells(page: str) -> list[str]:
    table = page.split('<table class="table">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]  # without the header
    return [
        re.sub(r"<[^>]+>", "", re.findall(r"<td>(.*?)</td>", row, re.S)[3])
        for row in rows
    ]


def test_a_runs_row_is_kept_until_what_it_shows_changes(
    client, employee, demo_packages, rows_rendered
):
    client.force_login(employee)
    runs = [
        services.run_start(
            user=employee, process_id="hund_anmelden", case_id="labrador", mode=mode
        )
        for mode in ("practice", "exam")
    ]
    detail = reverse("sandbox:process_detail", kwargs={"process_id": "hund_anmelden"})
    page = client.get(detail).content.decode()
    assert status_cells(page) == ["läuft", "läuft"]
    assert rows_rendered() == 2
    client.get(detail)
    client.get(reverse("sandbox:process_list"))
    assert rows_rendered() == 2  # both rows kept, on either page

    expected = runs[0].package.case("labrador")["expected"]
    play(runs[0], lambda element: expected.get(element, {}))
    page = client.get(detail).content.decode()
    # Newest first: the exam still runs, the practice run has its result.
    assert status_cells(page) == ["läuft", "bestanden, 100 Punkte"]
    assert f'href="{reverse("sandbox:run_detail", args=[runs[0].pk])}"' in page
    assert rows_rendered() == 3  # only the changed row

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(detail).content.decode()
    assert status_cells(page) == ["in progress", "passed, 100 points"]
    assert ">Practice<" in page and ">Üben<" not in page
    assert rows_rendered() == 5
