"""Every list of /api/v1/ in one style: pages of `count`, `next`, `previous`,
`results`; a wrong page, page size or ordering is a 400 in the error shape; and
the number of queries does not grow with the number of rows."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from lms import roles
from tests.support.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


def _org_units(user, n):
    parent = OrgUnitFactory(code=f"p{next(_serial)}")
    for _ in range(n):
        OrgUnitFactory(code=f"u{next(_serial)}", parent=parent)


def _catalogue():
    from courses.models import CourseCatalogue
    from demo.courses import site_root_ensure

    catalogue = CourseCatalogue.objects.first()
    if catalogue is None:
        catalogue = CourseCatalogue(title="Kurse", slug="kurse")
        site_root_ensure().add_child(instance=catalogue)
    return catalogue


def _courses(user, n):
    from tests.support.courses import add_course

    catalogue = _catalogue()
    return [
        add_course(catalogue, slug=f"kurs-{i}", title=f"Kurs {i}", lessons=1)
        for i in (next(_serial) for _ in range(n))
    ]


def _enrolments(user, n):
    from lms.models import Enrolment

    for course in _courses(user, n):
        Enrolment.objects.create(
            user=user,
            course_id=course.pk,
            source="self",
            assigned_at=timezone.now(),
            due_on=dt.date(2027, 1, 1),
        )


def _certificates(user, n):
    from lms.models import Certificate, Enrolment

    for _ in range(n):
        i = next(_serial)
        enrolment = Enrolment.objects.create(
            user=user,
            course_id=10_000 + i,
            source="self",
            assigned_at=timezone.now(),
            completed_at=timezone.now(),
        )
        Certificate.objects.create(
            enrolment=enrolment,
            user=user,
            course_id=enrolment.course_id,
            course_title=f"Kurs {i}",
            holder_name="Erika Mustermann",
            code=f"CODE-{i}",
            issued_at=timezone.now(),
            completed_on=dt.date(2026, 11, 30),
        )


def _package(process_id):
    from sandbox.models import ProcessPackage

    return ProcessPackage.objects.create(
        process_id=process_id,
        version=1,
        title=process_id,
        bpmn="<definitions/>",
        sandbox_json='{"lanes": {}, "cases": []}',
        digest=process_id,
        status=ProcessPackage.Status.LIVE,
    )


def _processes(user, n):
    for _ in range(n):
        _package(f"prozess_{next(_serial)}")


def _runs(user, n):
    from sandbox.models import SandboxRun

    package = _package(f"prozess_{next(_serial)}")
    for _ in range(n):
        SandboxRun.objects.create(
            user=user,
            package=package,
            process_id=package.process_id,
            version=1,
            case_id="fall",
            mode="practice",
        )


def _adoption(user, n):
    from analytics.models import AdoptionFigure

    unit = OrgUnitFactory(code=f"a{next(_serial)}")
    start = dt.date(2020, 1, 6)
    for _ in range(n):
        monday = start + dt.timedelta(weeks=next(_serial))
        year, week, _day = monday.isocalendar()
        AdoptionFigure.objects.create(
            org_unit=unit,
            process_id="hund_anmelden",
            week=f"{year}-W{week:02d}",
            week_start=monday,
            digital=1,
            total=2,
        )


def _catalogue_entries(user, n):
    from exchange.models import CatalogueEntry

    for _ in range(n):
        i = next(_serial)
        CatalogueEntry.objects.create(
            installation="stadt-a",
            origin_course_id=i,
            title=f"Kurs {i}",
            version=1,
            published_at=timezone.now(),
            size=100,
            package=f"exchange/catalogue/kurs-{i}.zip",
        )


# url → (what adds n rows for the person asking, an allowed ordering)
LISTS = {
    "/api/v1/org/units/": (_org_units, "-name"),
    "/api/v1/courses/": (_courses, "-title"),
    "/api/v1/me/enrolments/": (_enrolments, "course_title"),
    "/api/v1/me/certificates/": (_certificates, "course_title"),
    "/api/v1/sandbox/processes/": (_processes, "-process"),
    "/api/v1/sandbox/runs/": (_runs, "started_at"),
    "/api/v1/analytics/adoption/": (_adoption, "-week"),
    "/api/v1/exchange/courses/": (_catalogue_entries, "-published_at"),
}


@pytest.fixture
def api(make_person, settings):
    settings.LOTSE_EXCHANGE_CATALOGUE = True
    client = APIClient()
    person = make_person(role_names={roles.ADMIN})
    client.force_authenticate(person)
    client.person = person
    return client


def _get(api, url, **params):
    return api.get(url, params)


def _queries(api, url) -> CaptureQueriesContext:
    """The queries of a second request: the first fills the caches a running
    installation keeps warm (course outlines, the person's permissions)."""
    cache.clear()
    assert api.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200
    return queries


@pytest.mark.parametrize("url", LISTS)
def test_list_is_paged(api, url):
    add_rows, _ordering = LISTS[url]
    add_rows(api.person, 3)
    first = _get(api, url, page_size=2)
    assert first.status_code == 200, first.json()
    page = first.json()
    assert set(page) == {"count", "next", "previous", "results"}
    assert page["count"] >= 3 and len(page["results"]) == 2
    assert page["previous"] is None and "page=2" in page["next"]
    second = api.get(page["next"]).json()
    assert second["previous"] and len(second["results"]) >= 1


@pytest.mark.parametrize("url", LISTS)
def test_list_orders_by_an_allowed_field(api, url):
    add_rows, ordering = LISTS[url]
    add_rows(api.person, 3)
    name = ordering.removeprefix("-")
    field = {"started_at": "started_at", "course_title": "course_title"}.get(name, name)
    results = _get(api, url, ordering=ordering).json()["results"]
    values = [row[field] for row in results]
    expected = sorted(values, key=lambda v: (v is None, v), reverse=ordering[0] == "-")
    assert values == expected


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    "params, field",
    [
        ({"page": "0"}, "page"),
        ({"page": "zwei"}, "page"),
        ({"page": "99"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "201"}, "page_size"),
        ({"page_size": "²"}, "page_size"),
        ({"ordering": "password"}, "ordering"),
        ({"ordering": "-"}, "ordering"),
    ],
)
def test_wrong_list_parameter_is_a_400_naming_it(api, url, params, field):
    add_rows, _ordering = LISTS[url]
    add_rows(api.person, 1)
    response = _get(api, url, **params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert body["detail"] == "Die Anfrage ist ungültig."
    assert list(body["errors"]) == [field]


@pytest.mark.parametrize("url", LISTS)
def test_list_queries_do_not_grow_with_rows(api, url):
    add_rows, _ordering = LISTS[url]
    add_rows(api.person, 3)
    few = _queries(api, url)
    add_rows(api.person, 27)
    assert _get(api, url).json()["count"] >= 30
    many = _queries(api, url)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
