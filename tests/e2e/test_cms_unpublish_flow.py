"""The lead trainer takes a lesson offline in the CMS; the trainer is not offered to."""

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage
from demo.accounts import LEAD_TRAINER_USERNAME
from tests.support.browser import login, screenshot

pytestmark = pytest.mark.e2e


def test_lead_trainer_unpublishes_a_lesson_and_a_trainer_cannot(page, demo_site):
    lesson = LessonPage.objects.live().order_by("-pk").first()
    edit = f"{demo_site}/cms/pages/{lesson.pk}/edit/"
    unpublish = page.locator(f'a[href$="/cms/pages/{lesson.pk}/unpublish/"]')

    login(page, demo_site, "trainer")
    page.goto(edit)
    expect(page.get_by_role("button", name="Entwurf speichern")).to_be_visible()
    expect(unpublish).to_have_count(0)

    page.context.clear_cookies()
    login(page, demo_site, LEAD_TRAINER_USERNAME)
    page.goto(edit)
    page.get_by_role("button", name="Mehr Aktionen").click()
    page.get_by_role("link", name="Veröffentlichung aufheben").click()
    page.get_by_role("button", name="Ja, Veröffentlichung aufheben").click()
    page.wait_for_load_state()
    screenshot(page, "cms-lead-unpublished")
    lesson.refresh_from_db()
    assert not lesson.live

    # Learners no longer find it.
    page.context.clear_cookies()
    login(page, demo_site, "employee")
    response = page.goto(demo_site + lesson.url)
    assert response.status == 404
