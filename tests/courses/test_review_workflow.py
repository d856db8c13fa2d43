"""Trainers submit, the lead trainers approve or reject with a comment (Wagtail workflows);
trainers edit only the course catalogue."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import LessonPage
from courses.services import LEAD_GROUP, WORKFLOW_NAME, catalogue_setup_review


@pytest.fixture
def review(catalogue, course):
    return catalogue_setup_review(catalogue=catalogue)


@pytest.fixture
def trainer(make_person):
    return make_person(username="tina.trainer", role_names={"trainer"})


@pytest.fixture
def lead(make_person):
    user = make_person(username="lena.leitung", role_names={"trainer"})
    catalogue_group, _ = Group.objects.get_or_create(name=LEAD_GROUP)
    user.groups.add(catalogue_group)
    return user


def _submit_lesson(client, course):
    steps = streamfield(
        [
            (
                "item",
                {
                    "text": rich_text("<p>Antrag öffnen.</p>"),
                    "screenshot": "",
                    "screenshot_alt": "",
                },
            )
        ]
    )
    data = nested_form_data(
        {
            "title": "Neue Lektion",
            "slug": "neue-lektion",
            "summary": "",
            "estimated_minutes": "",
            "body": streamfield(
                [("steps", {"title": "So geht's", "intro": "", "steps": steps})]
            ),
        }
    )
    data["action-submit"] = "Zur Prüfung einreichen"
    url = reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", course.pk))
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return LessonPage.objects.get(slug="neue-lektion")


def _act(client, lesson, action, comment=""):
    state = WorkflowState.objects.get(
        base_content_type__isnull=False,
        object_id=str(lesson.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(lesson.pk, action, state.current_task_state.pk),
    )
    return client.post(url, {"comment": comment})


def test_the_catalogue_has_the_review_workflow(review, catalogue, course):
    assert catalogue.get_workflow().name == WORKFLOW_NAME
    assert course.get_workflow().name == WORKFLOW_NAME


def test_trainer_submits_and_lead_approves(review, course, trainer, lead, client):
    client.force_login(trainer)
    lesson = _submit_lesson(client, course)
    assert not lesson.live
    assert lesson.workflow_in_progress

    client.force_login(lead)
    response = _act(client, lesson, "approve", "Gut erklärt.")
    assert response.status_code in (200, 302)
    lesson.refresh_from_db()
    assert lesson.live
    assert not lesson.workflow_in_progress


def test_lead_rejects_with_a_comment_and_nothing_is_published(
    review, course, trainer, lead, client
):
    client.force_login(trainer)
    lesson = _submit_lesson(client, course)
    client.force_login(lead)
    _act(client, lesson, "reject", "Bitte ein Bildschirmfoto ergänzen.")
    lesson.refresh_from_db()
    assert not lesson.live
    state = WorkflowState.objects.get(object_id=str(lesson.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Bitte ein Bildschirmfoto ergänzen."


def test_trainer_cannot_approve_own_submission(review, course, trainer, client):
    client.force_login(trainer)
    lesson = _submit_lesson(client, course)
    _act(client, lesson, "approve")
    lesson.refresh_from_db()
    assert not lesson.live


def test_trainers_edit_only_below_the_catalogue(
    review, catalogue, course, site_root, trainer, client
):
    assert course.permissions_for_user(trainer).can_edit()
    assert catalogue.permissions_for_user(trainer).can_add_subpage()
    assert not course.permissions_for_user(trainer).can_publish()
    assert not site_root.permissions_for_user(trainer).can_edit()
    assert not site_root.permissions_for_user(trainer).can_add_subpage()

    client.force_login(trainer)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=(course.pk,))).status_code
        == 200
    )
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=(site_root.pk,))).status_code
        != 200
    )
    add_elsewhere = reverse("wagtailadmin_pages:add_subpage", args=(site_root.pk,))
    assert client.get(add_elsewhere).status_code != 200


def test_trainers_may_upload_images_documents_and_videos(review, trainer):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry
    from wagtailmedia import get_permission_policy

    policies = [
        policy_registry.get_by_type(get_image_model()),
        policy_registry.get_by_type(get_document_model()),
        get_permission_policy(),
    ]
    for policy in policies:
        assert policy.user_has_permission(trainer, "add")


def test_lead_trainers_cannot_bypass_the_review_with_publish(
    review, course, lead, site_root, client
):
    assert not course.permissions_for_user(lead).can_publish()
    assert not site_root.permissions_for_user(lead).can_edit()

    client.force_login(lead)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(course.pk,)))
    html = response.content.decode()
    assert 'name="action-publish"' not in html
    assert "Zur redaktionellen Prüfung einreichen" in html


def test_publishing_directly_stays_an_administrator_permission(
    review, course, make_person
):
    admin = make_person(username="ada.admin", role_names={"admin"})
    assert course.permissions_for_user(admin).can_publish()


def test_lead_trainer_approves_a_submission_and_it_is_published(
    review, course, trainer, lead, client
):
    """Approval publishes although the lead holds no plain publish permission."""
    client.force_login(trainer)
    lesson = _submit_lesson(client, course)
    client.force_login(lead)
    _act(client, lesson, "approve", "Passt.")
    lesson.refresh_from_db()
    assert lesson.live


def test_setup_is_idempotent(review, catalogue):
    from wagtail.models import GroupPagePermission

    count = GroupPagePermission.objects.count()
    catalogue_setup_review(catalogue=catalogue)
    assert GroupPagePermission.objects.count() == count


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|template)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_editing_room_calls_the_review_one_name_in_grammatical_german(
    review, course, trainer, lead, client
):
    client.force_login(trainer)
    lesson = _submit_lesson(client, course)
    edit = reverse("wagtailadmin_pages:edit", args=(lesson.pk,))
    pages = {
        "trainer": [edit, reverse("wagtailadmin_home")],
        "lead": [
            edit,
            reverse("wagtailadmin_home"),
            reverse("wagtailadmin_explore", args=(course.pk,)),
        ],
    }
    seen = ""
    for who, user in (("trainer", trainer), ("lead", lead)):
        client.force_login(user)
        for url in pages[who]:
            response = client.get(url)
            assert response.status_code == 200, url
            text = _visible_text(response.content.decode())
            assert "oderation" not in text, (who, url)
            assert "In Redaktionelle Prüfung" not in text, (who, url)
            seen += text
    assert "Wartet auf meine Prüfung" in seen
    assert "In Prüfung" in seen or "in Prüfung" in seen
