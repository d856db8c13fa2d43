"""The demo content is complete, idempotent and survives a flushed database."""

import io

from django.contrib.auth import get_user_model
from wagtail.models import Collection, GroupPagePermission, Locale, Page, Site

from courses import selectors
from courses.models import CourseCatalogue, CoursePage, LessonPage
from courses.services import LEAD_GROUP, WORKFLOW_NAME
from demo import courses as demo_courses
from demo.accounts import DEMO_PASSWORD, LEAD_TRAINER_USERNAME

SANDBOX_PROCESSES = {"hund_anmelden", "personalausweis", "bauantrag"}


def test_seed_content_is_complete(demo_town):
    catalogue = CourseCatalogue.objects.get(slug="kurse")
    assert catalogue.url == "/kurse/"
    courses = list(selectors.course_list())
    assert {c.title for c in courses} == {
        "Hund anmelden – digital",
        "Personalausweis beantragen – digital",
        "Bauantrag digital prüfen",
        "Datenschutz im digitalen Verfahren",
    }
    for course in courses:
        lessons = selectors.lessons_of_course(course.pk)
        assert len(lessons) >= 3, course.title
        quizzes = selectors.quizzes_of_course(course.pk)
        assert quizzes, course.title
        sizes = [
            len(selectors.quiz_get(page_id=p, block_id=b).questions) for p, b in quizzes
        ]
        assert max(sizes) >= 5, course.title
        kinds = {
            q.kind
            for p, b in quizzes
            for q in selectors.quiz_get(page_id=p, block_id=b).questions
        }
        assert len(kinds) >= 4, (course.title, kinds)
        exercises = selectors.sandbox_exercises_of_course(course.pk)
        assert exercises and {e.process_id for e in exercises} <= SANDBOX_PROCESSES
        all_kinds = {
            k for lesson in lessons for k in selectors.lesson_block_kinds(lesson.id)
        }
        assert {"steps", "quiz", "sandbox_exercise"} <= all_kinds, course.title
        assert course.cover_image and course.cover_image_alt

    privacy = CoursePage.objects.get(slug="datenschutz-im-digitalen-verfahren")
    assert privacy.is_mandatory_hint and privacy.certificate_validity_months == 12
    assert selectors.acknowledgements_of_course(privacy.pk)


def test_seed_sets_up_review_and_the_lead_trainer(demo_town):
    catalogue = CourseCatalogue.objects.get(slug="kurse")
    assert catalogue.get_workflow().name == WORKFLOW_NAME
    lead = get_user_model().objects.get(username=LEAD_TRAINER_USERNAME)
    assert lead.check_password(DEMO_PASSWORD)
    assert lead.groups.filter(name=LEAD_GROUP).exists()
    assert GroupPagePermission.objects.filter(
        group__name="Schulungsteam", page=catalogue
    ).exists()


def test_seed_is_idempotent(demo_town):
    counts = (Page.objects.count(), LessonPage.objects.count())
    demo_courses.seed(stdout=io.StringIO())
    assert (Page.objects.count(), LessonPage.objects.count()) == counts


def test_seed_recreates_wagtail_ground_after_a_flush(db):
    """TransactionTestCase flushes delete Wagtail's root page, site, locale, collection."""
    Site.objects.all().delete()
    Page.objects.all().delete()
    Collection.objects.all().delete()
    Locale.objects.all().delete()

    demo_courses.seed(stdout=io.StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    assert CourseCatalogue.objects.get(slug="kurse").url == "/kurse/"
    assert CoursePage.objects.live().count() == 4
    assert Collection.get_first_root_node() is not None
