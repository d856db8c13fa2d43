"""Wagtail search over course and lesson text, from the catalogue's search box."""

import pytest

from courses.models import LessonPage
from tests.support.courses import add_course, stream, text_block


@pytest.fixture
def searchable(catalogue):
    hund = add_course(
        catalogue,
        slug="hund",
        title="Hund anmelden",
        lessons=2,
        bodies={
            1: stream(text_block("<p>Prüfen Sie den Sachkundenachweis sorgfältig.</p>"))
        },
    )
    add_course(
        catalogue,
        slug="bau",
        title="Bauantrag",
        initiative="Bauantrag digital",
        lessons=1,
        bodies={0: stream(text_block("<p>Der Lageplan fehlt.</p>"))},
    )
    return hund


def test_search_finds_a_lesson_by_a_word_in_its_body(searchable):
    hits = list(LessonPage.objects.live().search("Sachkundenachweis"))
    assert [hit.slug for hit in hits] == ["lektion-2"]
    assert hits[0].get_parent().pk == searchable.pk


def test_catalogue_search_box_shows_the_lesson_and_its_course(
    catalogue, searchable, employee_client
):
    html = employee_client.get(
        catalogue.url, {"q": "Sachkundenachweis"}
    ).content.decode()
    assert 'href="/kurse/hund/lektion-2/"' in html
    assert 'href="/kurse/hund/"' in html
    assert 'href="/kurse/bau/"' not in html


def test_catalogue_filters_by_initiative(catalogue, searchable, employee_client):
    html = employee_client.get(
        catalogue.url, {"initiative": "Bauantrag digital"}
    ).content.decode()
    assert 'href="/kurse/bau/"' in html
    assert 'href="/kurse/hund/"' not in html
    assert '<option value="Bauantrag digital" selected>' in html


def test_catalogue_without_hits_says_so(catalogue, searchable, employee_client):
    html = employee_client.get(catalogue.url, {"q": "Raumfahrt"}).content.decode()
    assert "Keine Kurse gefunden" in html


@pytest.mark.parametrize(
    "query",
    [
        '<div style="width:expression(1)">',
        'title:"Hund"',
        "NEAR(Hund Lageplan) OR Bau*",
        '"',
        "AND",
        "^ - + :",
    ],
)
def test_catalogue_search_reads_query_syntax_as_plain_text(
    catalogue, searchable, employee_client, query
):
    """SQLite's FTS read `width:` as a column filter and answered 500."""
    response = employee_client.get(catalogue.url, {"q": query})
    assert response.status_code == 200


def test_catalogue_search_finds_the_words_between_punctuation(
    catalogue, searchable, employee_client
):
    html = employee_client.get(
        catalogue.url, {"q": '("Sachkundenachweis")!'}
    ).content.decode()
    assert 'href="/kurse/hund/lektion-2/"' in html


def test_catalogue_search_without_words_finds_nothing(
    catalogue, searchable, employee_client
):
    html = employee_client.get(catalogue.url, {"q": '"*"'}).content.decode()
    assert "Keine Kurse gefunden" in html
