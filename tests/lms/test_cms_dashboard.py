"""Lotse's editing room: Lotse's name, colours and logo, a way back to Lotse, and a
dashboard with my drafts, what waits for my review and learners per course (issue 11)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.models import CourseCatalogue, LessonPage
from courses.services import LEAD_GROUP, catalogue_setup_review
from lms import roles
from lms.services.progress import lesson_complete
from tests.support.courses import stream, text_block


@pytest.fixture
def editors(catalogue, make_person):
    roles.sync_groups()
    catalogue_page = CourseCatalogue.objects.get(slug="kurse")
    catalogue_setup_review(catalogue=catalogue_page)
    trainer = make_person(
        username="tina.trainer",
        first_name="Tina",
        last_name="Trainer",
        role_names={"trainer"},
    )
    lead = make_person(username="lena.leitung", role_names={"trainer"})
    lead.groups.add(Group.objects.get(name=LEAD_GROUP))
    return trainer, lead


def _draft_lesson(course, user, title="Entwurf: Bescheid"):
    lesson = LessonPage(
        title=title, slug="entwurf-bescheid", body=stream(text_block()), live=False
    )
    course.add_child(instance=lesson)
    return lesson, lesson.save_revision(user=user)


def test_every_cms_page_is_lotse_branded_with_a_way_back(catalogue, editors, client):
    trainer, _ = editors
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "<title>" in html and "Lotse – Redaktion</title>" in html
    assert "lotse-admin.css" in html  # Lotse's colours
    assert "lotse-logo.svg" in html
    assert "favicon.svg" in html
    assert "zurueck-zu-lotse" in html  # the menu item on every admin page
    assert "Wagtail</title>" not in html
    explorer = client.get(
        reverse("wagtailadmin_explore", args=(catalogue.hund.pk,))
    ).content.decode()
    assert "zurueck-zu-lotse" in explorer


def test_dashboard_shows_my_drafts_and_learners_per_course(
    catalogue, editors, client, make_person
):
    trainer, _ = editors
    learner = make_person(username="lerner")
    lesson_complete(user=learner, lesson_id=catalogue.hund_lessons[0].id)
    _draft_lesson(catalogue.hund, trainer)
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Meine Entwürfe" in html
    assert "Entwurf: Bescheid" in html
    assert "Wartet auf meine Prüfung" in html
    assert "Lernende je Kurs" in html
    assert catalogue.hund.title in html
    assert "lerner" not in html  # counts only, no names


def test_lead_sees_submissions_waiting_for_review_in_cms_and_on_start_page(
    catalogue, editors, client
):
    trainer, lead = editors
    lesson, revision = _draft_lesson(catalogue.hund, trainer)
    lesson.get_workflow().start(lesson, trainer)

    client.force_login(lead)
    cms = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Wartet auf meine Prüfung" in cms
    assert "Entwurf: Bescheid" in cms
    assert "Tina Trainer" in cms
    start = client.get(reverse("home")).content.decode()
    assert "Wartet auf Ihre Prüfung" in start
    assert "Entwurf: Bescheid" in start
    assert reverse("wagtailadmin_pages:edit", args=(lesson.pk,)) in start

    client.force_login(trainer)  # the trainer has nothing to review
    assert "Wartet auf Ihre Prüfung" not in client.get(reverse("home")).content.decode()


def _learner_cells(html: str, title: str) -> tuple[str, str]:
    """The dashboard's "in Bearbeitung" and "abgeschlossen" cells of one course."""
    import re

    row = re.search(
        rf">{re.escape(title)}</a></td>\s*<td>\d+</td>\s*<td>([^<]*)</td>\s*"
        r"<td>([^<]*)</td>",
        html,
    )
    assert row, title
    return row.group(1), row.group(2)


def test_dashboard_shows_fewer_than_five_learners_as_less_than_five(
    catalogue, editors, client, make_person
):
    trainer, _ = editors
    for n in range(3):
        lesson_complete(
            user=make_person(username=f"hund-{n}"),
            lesson_id=catalogue.hund_lessons[0].id,
        )
    for n in range(5):
        lesson_complete(
            user=make_person(username=f"daten-{n}"),
            lesson_id=catalogue.datenschutz_lessons[0].id,
        )
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert _learner_cells(html, catalogue.hund.title) == ("&lt; 5", "0")
    assert _learner_cells(html, catalogue.datenschutz.title) == ("5", "0")
