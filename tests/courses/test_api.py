"""GET /api/v1/courses/ and /api/v1/courses/<id>/: published content for logged-in people."""

import pytest
from rest_framework.authtoken.models import Token

from courses.models import LessonPage
from tests.support.courses import add_course


@pytest.fixture
def courses(catalogue):
    hund = add_course(catalogue, slug="hund", title="Hund anmelden", lessons=3)
    LessonPage.objects.child_of(hund).get(slug="lektion-2").unpublish()
    add_course(
        catalogue,
        slug="bau",
        title="Bauantrag",
        initiative="Bauantrag digital",
        lessons=1,
    )
    add_course(catalogue, slug="entwurf", title="Entwurf", lessons=1).unpublish()
    return hund


def test_list_is_a_page_of_published_courses_with_lesson_counts(
    courses, employee_client
):
    response = employee_client.get("/api/v1/courses/")
    assert response.status_code == 200
    page = response.json()
    assert (page["count"], page["next"], page["previous"]) == (2, None, None)
    assert page["results"] == [
        {
            "id": page["results"][0]["id"],
            "slug": "bau",
            "title": "Bauantrag",
            "initiative": "Bauantrag digital",
            "lessons": 1,
            "estimated_minutes": 30,
        },
        {
            "id": courses.pk,
            "slug": "hund",
            "title": "Hund anmelden",
            "initiative": "Hund anmelden – digital",
            "lessons": 2,
            "estimated_minutes": 30,
        },
    ]


def test_detail_adds_the_published_lessons_in_order(courses, employee_client):
    data = employee_client.get(f"/api/v1/courses/{courses.pk}/").json()
    assert data["lessons"] == 2
    assert [(lesson["slug"], lesson["order"]) for lesson in data["lesson_list"]] == [
        ("lektion-1", 1),
        ("lektion-3", 2),
    ]
    assert set(data["lesson_list"][0]) == {"id", "title", "slug", "order"}


def test_token_authentication_works(courses, employee):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=employee).key}"
    )
    assert client.get("/api/v1/courses/").status_code == 200


def test_anonymous_requests_get_401(courses, client):
    response = client.get("/api/v1/courses/")
    assert response.status_code == 401
    assert set(response.json()) == {"detail", "errors"}
    assert client.get(f"/api/v1/courses/{courses.pk}/").status_code == 401


def test_unknown_or_unpublished_course_is_404_in_the_error_shape(
    catalogue, courses, employee_client
):
    draft = add_course(catalogue, slug="noch-nicht", lessons=0)
    draft.unpublish()
    for course_id in (999_999, draft.pk):
        response = employee_client.get(f"/api/v1/courses/{course_id}/")
        assert response.status_code == 404
        assert response.json() == {
            "detail": "Diesen Kurs gibt es nicht, oder er ist nicht veröffentlicht.",
            "errors": {},
        }


def test_only_get_is_allowed(courses, employee_client):
    assert employee_client.post("/api/v1/courses/", {}).status_code == 405


def test_endpoints_are_documented_in_the_openapi_schema(employee_client, make_person):
    admin = make_person(username="api-admin", role_names={"admin"})
    employee_client.force_login(admin)
    response = employee_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/courses/" in text and "/api/v1/courses/{course_id}/" in text
    assert "CourseDetail" in text and "lesson_list" in text
