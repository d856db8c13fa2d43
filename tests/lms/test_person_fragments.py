"""The cached per-person parts of the start page and "Meine Schulungen" (lms/fragments.py):
never out of date after the person's own change, never another person's."""

import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms import roles
from lms.models import Notification
from lms.services.enrolments import enrolment_create
from lms.services.notifications import notification_send
from lms.services.org import user_set_roles
from lms.services.progress import lesson_complete
from tests.support.factories import OrgUnitFactory


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_completing_a_lesson_shows_at_once_on_start_page_and_my_training(
    catalogue, make_person, client
):
    user = make_person(username="lernende")
    enrolment_create(user=user, course_id=catalogue.datenschutz.id)
    client.force_login(user)
    for url in ("/", "/lernen/"):
        assert "0 von 3 Lektionen" in _text(client.get(url))  # now in the cache

    response = client.post(
        reverse(
            "learning:lesson_complete",
            kwargs={"lesson_id": catalogue.datenschutz_lessons[0].id},
        )
    )
    assert response.status_code == 302

    for url in ("/", "/lernen/"):
        page = _text(client.get(url))
        assert "1 von 3 Lektionen" in page
        assert "0 von 3 Lektionen" not in page


def test_two_people_on_the_same_page_each_see_their_own_training(
    catalogue, make_person
):
    erika = make_person(username="erika", first_name="Erika")
    max_ = make_person(username="max", first_name="Max")
    enrolment_create(user=erika, course_id=catalogue.datenschutz.id)
    enrolment_create(user=max_, course_id=catalogue.optional.id)
    as_erika, as_max = Client(), Client()
    as_erika.force_login(erika)
    as_max.force_login(max_)

    datenschutz, homeoffice = (
        "Datenschutz im digitalen Verfahren",
        "Tipps für das Homeoffice",
    )
    for _ in range(2):  # the second round comes from the cache
        erikas, maxs = _text(as_erika.get("/")), _text(as_max.get("/"))
        assert f"{datenschutz}</a></h3>" in erikas
        assert f"{homeoffice}</a></h3>" not in erikas
        assert f"{homeoffice}</a></h3>" in maxs
        assert f"{datenschutz}</a></h3>" not in maxs

        erikas, maxs = _text(as_erika.get("/lernen/")), _text(as_max.get("/lernen/"))
        assert f"In „{homeoffice}“ einschreiben" in erikas
        assert f"In „{datenschutz}“ einschreiben" not in erikas
        assert f"In „{datenschutz}“ einschreiben" in maxs
        assert f"In „{homeoffice}“ einschreiben" not in maxs


def test_enrolling_from_my_training_moves_the_course_out_of_the_offer(
    catalogue, make_person, client
):
    user = make_person(username="lernende")
    client.force_login(user)
    page = _text(client.get("/lernen/"))
    assert "In „Tipps für das Homeoffice“ einschreiben" in page

    client.post(reverse("learning:course_enrol", args=[catalogue.optional.id]))

    page = _text(client.get("/lernen/"))
    assert "In „Tipps für das Homeoffice“ einschreiben" not in page
    assert "Tipps für das Homeoffice</a></h3>" in page


def test_the_enrol_form_of_a_cached_page_carries_this_sessions_csrf_token(
    catalogue, make_person
):
    user = make_person(username="lernende")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get("/lernen/")  # cached with the first session
    browser.logout()
    browser.force_login(user)  # a new session: a new CSRF secret

    page = browser.get("/lernen/").content.decode()
    action = reverse("learning:course_enrol", args=[catalogue.optional.id])
    form = page[page.index(f'action="{action}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    response = browser.post(action, {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert "Tipps für das Homeoffice</a></h3>" in _text(browser.get("/lernen/"))


def test_a_new_notification_and_reading_it_show_at_once(catalogue, make_person, client):
    user = make_person(username="lernende")
    enrolment = enrolment_create(user=user, course_id=catalogue.datenschutz.id)
    client.force_login(user)
    assert "neue Benachrichtigung" not in _text(client.get("/"))

    notification_send(
        recipient=user,
        enrolment=enrolment,
        kind=Notification.KIND_DUE_SOON,
        subject="Neue Pflichtschulung",
        body="Bitte bis Freitag.",
        now=timezone.now(),
    )
    assert "1 neue Benachrichtigung" in _text(client.get("/"))

    client.post(reverse("learning:notifications"))  # "alle als gelesen markieren"
    assert "neue Benachrichtigung" not in _text(client.get("/"))


def test_a_revoked_role_takes_effect_at_the_next_request(make_person, client):
    user = make_person(username="personal", role_names={roles.TRAINING_ADMIN})
    client.force_login(user)
    assert 'href="/organisation/"' in _text(client.get("/"))  # roles now cached
    assert client.get("/auswertungen/").status_code == 200

    user_set_roles(user=user, role_names=set())

    assert 'href="/organisation/"' not in _text(client.get("/"))
    assert client.get("/auswertungen/").status_code == 403


def test_leading_a_unit_shows_its_section_at_once_and_ends_with_the_unit(
    make_person, client
):
    user = make_person(username="leitung")
    client.force_login(user)
    assert "Meine Organisationseinheiten" not in _text(client.get("/"))
    unit = OrgUnitFactory(name="Ordnungsamt")

    unit.heads.add(user)
    assert "Meine Organisationseinheiten" in _text(client.get("/"))

    unit.delete()  # the database drops the head's row without an m2m signal
    assert "Meine Organisationseinheiten" not in _text(client.get("/"))


def test_the_catalogue_shows_each_person_their_own_state_and_its_change(
    catalogue, make_person
):
    erika = make_person(username="erika")
    max_ = make_person(username="max")
    enrolment_create(user=erika, course_id=catalogue.optional.id)
    as_erika, as_max = Client(), Client()
    as_erika.force_login(erika)
    as_max.force_login(max_)

    for _ in range(2):  # the second round comes from the cache
        assert "Ihr Stand: offen" in _text(as_erika.get("/kurse/"))
        assert "Ihr Stand:" not in _text(as_max.get("/kurse/"))

    lesson_complete(user=erika, lesson_id=catalogue.optional_lessons[0].id)
    page = _text(as_erika.get("/kurse/"))
    assert "Ihr Stand: abgeschlossen" in page
    assert "Ihr Stand: offen" not in page
    assert "Ihr Stand:" not in _text(as_max.get("/kurse/"))
    # A search is listed afresh, with the same state.
    assert "Ihr Stand: abgeschlossen" in _text(as_erika.get("/kurse/?q=Homeoffice"))


def test_course_page_shows_a_completed_lesson_and_a_quiz_result_at_once(
    catalogue, make_person
):
    erika, max_ = make_person(username="erika"), make_person(username="max")
    enrolment_create(user=erika, course_id=catalogue.datenschutz.id)
    enrolment_create(user=max_, course_id=catalogue.datenschutz.id)
    as_erika, as_max = Client(), Client()
    as_erika.force_login(erika)
    as_max.force_login(max_)
    course_url = catalogue.datenschutz.url
    for browser in (as_erika, as_max):  # the learner states are now cached
        assert "0 von 3 Lektionen erledigt" in _text(browser.get(course_url))

    catalogue.complete_datenschutz(erika)  # lesson, quiz and acknowledgement

    assert "Kurs abgeschlossen am" in _text(as_erika.get(course_url))
    assert "0 von 3 Lektionen erledigt" in _text(as_max.get(course_url))
