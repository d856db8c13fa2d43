"""Set-up run inside another installation (``manage.py shell``): the origin town's
course and a subscriber account of the Kursbörse. Prints JSON for the test."""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from wagtail.models import Site

from courses.models import CourseCatalogue, LessonPage
from lms.roles import EXCHANGE_SUBSCRIBER_GROUP
from tests.support.courses import add_course, text_block

SLUG = "sperrmuell-digital"


def make_origin() -> None:
    root = Site.objects.get(is_default_site=True).root_page
    catalogue = CourseCatalogue(title="Kurse", slug="kurse")
    root.add_child(instance=catalogue)
    course = add_course(
        catalogue, slug=SLUG, title="Sperrmüll digital anmelden", lessons=2
    )
    for number, lesson in enumerate(
        LessonPage.objects.child_of(course).order_by("path"), start=1
    ):
        lesson.body = json.dumps(
            [text_block(f"<p>Herkunft, Lektion {number}, erste Fassung.</p>")]
        )
        lesson.save_revision().publish()
    course.save_revision().publish()
    subscriber = get_user_model().objects.create_user("stadt-beispielhausen")
    subscriber.groups.add(Group.objects.get(name=EXCHANGE_SUBSCRIBER_GROUP))
    token, _created = Token.objects.get_or_create(user=subscriber)
    print(json.dumps({"token": token.key}))


def change_origin() -> None:
    """The origin rewrites both lessons and publishes them."""
    for number, lesson in enumerate(
        LessonPage.objects.filter(url_path__contains=SLUG).order_by("path"), start=1
    ):
        lesson.body = json.dumps(
            [text_block(f"<p>Herkunft, Lektion {number}, zweite Fassung.</p>")]
        )
        lesson.save_revision().publish()
    print(json.dumps({"ok": True}))
