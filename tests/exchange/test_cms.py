"""The CMS: "Kurs exportieren" on a course, "Kurs übernehmen", and the update page
that shows changed lessons side by side before anything is replaced."""

import pytest
from django.urls import reverse

from courses.models import LessonPage
from exchange.packages.build import course_package_build
from exchange.services import course_package_import
from tests.exchange.conftest import rezip, unzip


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("cms-admin", password="x")
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_export_button_on_course_page_downloads_package(admin_client, small_course):
    page = admin_client.get(reverse("wagtailadmin_explore", args=[small_course.pk]))
    url = reverse("exchange_admin:export", kwargs={"course_id": small_course.pk})
    assert "Kurs exportieren" in page.content.decode()
    assert url in page.content.decode()
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "manifest.json" in unzip(response.content)


@pytest.mark.django_db
def test_adopt_page_lists_every_problem_and_adopts(admin_client, small_package):
    url = reverse("exchange_admin:adopt")
    members = unzip(small_package)
    members["course.json"] += b" "
    members["evil.sh"] = b"rm -rf /"
    from io import BytesIO

    bad = BytesIO(rezip(members, checksums=False))
    bad.name = "kurs.zip"
    response = admin_client.post(url, {"file": bad})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Das Kurspaket wurde nicht übernommen: 2 Probleme." in text
    assert "Die Prüfsumme von „course.json“ stimmt nicht." in text
    assert "Der Eintrag „evil.sh“ steht nicht in der Prüfsummenliste." in text

    good = BytesIO(small_package)
    good.name = "kurs.zip"
    response = admin_client.post(url, {"file": good}, follow=True)
    assert "wurde als Entwurf übernommen" in response.content.decode()


@pytest.mark.django_db
def test_update_page_shows_side_by_side_and_keeps_local_edit(
    admin_client, small_course, small_package
):
    local = course_package_import(file=small_package).course
    local_first = LessonPage.objects.child_of(local).order_by("path").first()
    draft = local_first.get_latest_revision_as_object()
    draft.title = "Lektion 1 (Musterstadt)"
    draft.save_revision()
    origin_first = LessonPage.objects.child_of(small_course).order_by("path").first()
    origin_first.title = "Lektion 1 – überarbeitet"
    origin_first.save_revision().publish()
    update = course_package_import(file=course_package_build(small_course).data).update

    adopt = admin_client.get(reverse("exchange_admin:adopt")).content.decode()
    assert "Aktualisierung verfügbar" in adopt
    url = reverse("exchange_admin:update", kwargs={"update_id": update.pk})
    page = admin_client.get(url).content.decode()
    assert "Lektion 1 (Musterstadt)" in page and "Lektion 1 – überarbeitet" in page
    assert "hier bearbeitet" in page
    assert f'name="replace" value="{local_first.pk}"' in page

    admin_client.post(url, {})  # confirm without ticking the edited lesson
    latest = LessonPage.objects.get(pk=local_first.pk).get_latest_revision_as_object()
    assert latest.title == "Lektion 1 (Musterstadt)"


@pytest.mark.django_db
def test_employee_cannot_open_the_cms_views(client, make_person, small_course):
    client.force_login(make_person())
    assert client.get(reverse("exchange_admin:adopt")).status_code in (302, 403)
