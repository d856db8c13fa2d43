"""Content-Security-Policy per path: every page of ours runs without inline script or
style; only Wagtail's admin under /cms/ gets 'unsafe-inline', for script and style."""

import re
from pathlib import Path

from django.urls import reverse

from courses.models import LessonPage

ROOT = Path(__file__).resolve().parents[2]
STRICT = ["'self'"]
CMS = ["'self'", "'unsafe-inline'"]


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {name: sources for name, *sources in parts}


def test_learner_pages_and_django_admin_get_the_strict_policy(client, role_user):
    lesson = LessonPage.objects.live().first()
    responses = {"login": client.get("/konto/anmelden/")}
    client.force_login(role_user("employee"))
    responses["sandbox run"] = client.post(
        reverse("sandbox:run_start", kwargs={"process_id": "hund_anmelden"}),
        {"case": "labrador", "mode": "practice"},
        follow=True,
    )
    assert "/sandbox/durchlauf/" in responses["sandbox run"].redirect_chain[-1][0]
    for path in ("/", lesson.url, "/kurse/", "/sandbox/", "/api/v1/docs/"):
        responses[path] = client.get(path)
    client.force_login(role_user("head"))
    responses["head's start page"] = client.get("/")
    client.force_login(role_user("admin"))
    for path in ("/organisation/", "/admin/", "/admin/lms/exemption/add/"):
        responses[path] = client.get(path)

    for name, response in responses.items():
        assert response.status_code == 200, name
        policy = directives(response)
        assert policy["script-src"] == STRICT, name
        assert policy["style-src"] == STRICT, name
        assert policy["default-src"] == STRICT, name
        assert policy["object-src"] == ["'none'"], name


def test_wagtail_admin_gets_inline_script_and_style_only(client, role_user):
    lesson = LessonPage.objects.live().first()
    strict = directives(client.get("/konto/anmelden/"))
    client.force_login(role_user("trainer"))
    for path in ("/cms/", f"/cms/pages/{lesson.pk}/edit/"):
        response = client.get(path)
        assert response.status_code == 200, path
        policy = directives(response)
        assert policy.pop("script-src") == CMS, path
        assert policy.pop("style-src") == CMS, path
        assert policy == {
            name: sources
            for name, sources in strict.items()
            if name not in ("script-src", "style-src")
        }, path


def test_no_policy_allows_evaluating_strings(client, db):
    for path in ("/konto/anmelden/", "/cms/"):
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "unsafe-eval" not in policy, path


def test_our_templates_have_no_inline_style_script_or_event_handler():
    """The strict policy would block them on learner pages, so none may creep in."""
    inline = re.compile(r"\sstyle=|<style|<script(?![^>]*\bsrc=)|\son[a-z]+=", re.I)
    folders = [ROOT / "templates", *ROOT.glob("*/templates")]
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group().strip()}"
        for folder in folders
        for path in folder.rglob("*.html")
        for match in inline.finditer(path.read_text())
    ]
    assert offenders == []


def test_csrf_failure_page_is_ours_in_german_without_inline_style(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/konto/anmelden/", {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Formular abgelaufen" in html
    assert "<style" not in html
