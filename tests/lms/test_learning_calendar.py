"""Due dates as a personal iCalendar feed at a private address the person can
renew or switch off; the feed is parsed back with the `icalendar` library."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from lms import roles
from lms.models import CalendarFeed, Enrolment
from lms.services.enrolments import enrolment_create


@pytest.fixture
def learner(catalogue, make_person):
    roles.sync_groups()
    return make_person(first_name="Erika", last_name="Mustermann")


def _feed_path(client) -> str:
    client.post(reverse("learning:calendar"), {"action": "renew"})
    token = CalendarFeed.objects.get().token
    return reverse("learning:calendar_feed", kwargs={"token": token})


def test_feed_lists_due_dates_and_certificate_expiry(catalogue, learner, client):
    due = dt.date(2027, 1, 15)
    enrolment_create(user=learner, course_id=catalogue.datenschutz.id)
    Enrolment.objects.filter(user=learner).update(due_on=due)
    enrolment_create(user=learner, course_id=catalogue.hund.id)
    catalogue.complete_datenschutz(learner)  # certificate valid 12 months
    Enrolment.objects.filter(user=learner, course_id=catalogue.hund.id).update(
        due_on=due
    )
    client.force_login(learner)
    path = _feed_path(client)
    client.logout()  # calendar apps do not log in
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}
    certificate = Enrolment.objects.get(
        user=learner, course_id=catalogue.datenschutz.id
    ).certificate
    assert events == {
        f"Schulung fällig: {catalogue.hund.title}": due,
        f"Zertifikat läuft ab: {catalogue.datenschutz.title}": certificate.valid_until,
    }
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["url"]).startswith("http://testserver/kurse/")
    assert event["uid"]


def test_renewing_or_switching_off_kills_the_old_address(catalogue, learner, client):
    client.force_login(learner)
    old = _feed_path(client)
    page = client.get(reverse("learning:calendar")).content.decode()
    assert f"http://testserver{old}" in page
    new = _feed_path(client)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    client.post(reverse("learning:calendar"), {"action": "off"})
    assert client.get(new).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_feed_of_a_deactivated_person_is_gone(catalogue, learner, client):
    client.force_login(learner)
    path = _feed_path(client)
    learner.is_active = False
    learner.save()
    assert client.get(path).status_code == 404
