"""Every course URL answers each role as the authorisation table says (demo town)."""

from django.urls import reverse

from courses.models import CoursePage
from tests.courses.access import EXISTING, EXPECTED, KWARGS, LOGIN_PATH, PAGES
from tests.support.access import ROLES


def _client_for(client, role_user, role):
    client.logout()
    if role != "anonymous":
        client.force_login(role_user(role))
    return client


def _check(client, role_user, url, statuses):
    for role in ROLES:
        response = _client_for(client, role_user, role).get(url)
        assert response.status_code == statuses[role], (url, role)
        if role == "anonymous" and statuses[role] == 302:
            assert response["Location"].startswith(f"{LOGIN_PATH}?next=")


def test_every_courses_api_url_is_in_the_table():
    from courses.api import urls

    names = {f"{urls.app_name}:{pattern.name}" for pattern in urls.urlpatterns}
    assert names == set(EXPECTED)
    assert all(set(statuses) == set(ROLES) for statuses in EXPECTED.values())


def test_api_urls_answer_each_role_as_the_table_says(client, role_user):
    for name, statuses in EXPECTED.items():
        _check(client, role_user, reverse(name, kwargs=KWARGS.get(name)), statuses)
    for name, (slug, statuses) in EXISTING.items():
        course_id = CoursePage.objects.get(slug=slug).pk
        _check(
            client, role_user, reverse(name, kwargs={"course_id": course_id}), statuses
        )


def test_course_pages_answer_each_role_as_the_table_says(client, role_user):
    for path, statuses in PAGES.items():
        _check(client, role_user, path, statuses)
