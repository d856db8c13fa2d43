"""Lead trainers may take a course or lesson offline in the CMS; trainers may not
(and the lead trainers still cannot publish past the review)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.models import CourseCatalogue
from courses.services import LEAD_GROUP, catalogue_setup_review
from lms import roles


@pytest.fixture
def editors(catalogue, make_person):
    roles.sync_groups()
    catalogue_setup_review(catalogue=CourseCatalogue.objects.get(slug="kurse"))
    trainer = make_person(username="tina.trainer", role_names={roles.TRAINER})
    lead = make_person(username="lena.leitung", role_names={roles.TRAINER})
    lead.groups.add(Group.objects.get(name=LEAD_GROUP))
    return trainer, lead


def test_lead_trainer_unpublishes_a_lesson_and_a_course(catalogue, editors, client):
    _, lead = editors
    client.force_login(lead)
    lesson = catalogue.hund_lessons[-1]
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(lesson.pk,)))
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=(lesson.pk,))
    assert unpublish_url in edit.content.decode()  # offered in the action menu
    assert client.get(unpublish_url).status_code == 200
    client.post(unpublish_url)
    lesson.refresh_from_db()
    assert not lesson.live

    course_url = reverse("wagtailadmin_pages:unpublish", args=(catalogue.hund.pk,))
    client.post(course_url, {"include_descendants": "on"})
    catalogue.hund.refresh_from_db()
    assert not catalogue.hund.live


def test_lead_trainer_still_cannot_publish_past_the_review(catalogue, editors):
    _, lead = editors
    tester = catalogue.hund_lessons[0].permissions_for_user(lead)
    assert tester.can_unpublish()
    assert not tester.can_publish()


def test_trainer_cannot_unpublish(catalogue, editors, client):
    trainer, _ = editors
    client.force_login(trainer)
    lesson = catalogue.hund_lessons[-1]
    unpublish_url = reverse("wagtailadmin_pages:unpublish", args=(lesson.pk,))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(lesson.pk,)))
    assert edit.status_code == 200
    assert unpublish_url not in edit.content.decode()
    assert client.post(unpublish_url).status_code in (302, 403)
    lesson.refresh_from_db()
    assert lesson.live


def test_migration_gives_existing_lead_groups_unpublish(catalogue, editors):
    from importlib import import_module

    from django.apps import apps
    from wagtail.models import GroupPagePermission

    GroupPagePermission.objects.filter(permission__codename="unpublish_page").delete()
    _, lead = editors
    lesson = catalogue.hund_lessons[0]
    assert not lesson.permissions_for_user(lead).can_unpublish()
    migration = import_module("courses.migrations.0004_lead_trainers_may_unpublish")
    migration.lead_trainers_may_unpublish(apps, None)
    # Fresh user objects: Wagtail caches page permissions on the user.
    User = get_user_model()
    assert lesson.permissions_for_user(User.objects.get(pk=lead.pk)).can_unpublish()
    trainer, _ = editors
    trainer = User.objects.get(pk=trainer.pk)
    assert not lesson.permissions_for_user(trainer).can_unpublish()
