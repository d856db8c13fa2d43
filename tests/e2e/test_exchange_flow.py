"""The Kursbörse with two real installations: the catalogue (which also built the
course) runs under gunicorn on its own database; the subscribing town is this test's
live server. Its training admin adopts with one click, sees "Aktualisierung
verfügbar" after the beat job, compares and updates — and the lesson edited in the
town keeps its text."""

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.urls import reverse

from courses.models import CourseCatalogue, CoursePage, LessonPage
from courses.services import catalogue_setup_review
from demo.courses import site_root_ensure
from exchange.models import CourseOrigin
from exchange.services.catalogue import catalogue_check_updates
from tests.exchange.remote import SLUG
from tests.support.browser import screenshot
from tests.support.installations import ROOT, empty_installation

PASSWORD = "geheim-123"  # what make_person gives everyone


class Server:
    """gunicorn serving an installation on a socket this test opened."""

    def __init__(self, installation):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"fd://{self.socket.fileno()}",
                "--workers",
                "1",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=installation.env,
            pass_fds=[self.socket.fileno()],
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=5)
                return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                assert self.process.poll() is None, "gunicorn hat sich beendet"
                time.sleep(0.3)
        raise AssertionError("Die Kursbörse antwortet nicht.")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)
        self.socket.close()


def _latest_text(lesson) -> str:
    latest = LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()
    return latest.body.raw_data[0]["value"]


@pytest.mark.django_db(transaction=True)
def test_two_installations_adopt_update_and_keep_local_edit(
    postgres, browser, live_server, settings, make_person, tmp_path
):
    catalogue_site = empty_installation(
        "kursboerse",
        tmp_path / "media-kursboerse",
        LOTSE_EXCHANGE_CATALOGUE="1",
        LOTSE_INSTALLATION_ID="stadt-musterstadt",
        LOTSE_INSTALLATION_NAME="Stadt Musterstadt",
    )
    server = None
    try:
        token = json.loads(
            catalogue_site.shell(
                "from tests.exchange.remote import make_origin; make_origin()"
            )
        )["token"]
        catalogue_site.manage("publish_course", SLUG)
        server = Server(catalogue_site)

        # The subscribing town: this installation.
        settings.LOTSE_EXCHANGE_URL = server.url
        settings.LOTSE_EXCHANGE_TOKEN = token
        root = site_root_ensure()  # a flushed database has no Wagtail site
        catalogue = CourseCatalogue(title="Kurse", slug="kurse")
        root.add_child(instance=catalogue)
        catalogue_setup_review(catalogue=catalogue)
        make_person(username="pe-admin", role_names={"training_admin"})

        context = browser.new_context(
            locale="de-DE", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{live_server.url}/konto/anmelden/")
        page.get_by_label("Benutzername").fill("pe-admin")
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state()

        page.goto(live_server.url + reverse("exchange:catalogue"))
        assert page.get_by_role(
            "heading", name="Sperrmüll digital anmelden"
        ).is_visible()
        assert "Von Stadt Musterstadt · Version" in page.content()
        page.get_by_role(
            "button", name="„Sperrmüll digital anmelden“ übernehmen"
        ).click()
        page.wait_for_load_state()
        assert "wurde übernommen und wartet als Entwurf" in page.content()
        screenshot(page, "kursboerse-uebernommen")

        adopted = CoursePage.objects.get(slug=SLUG)
        assert not adopted.live
        first, second = LessonPage.objects.child_of(adopted).order_by("path")
        assert "erste Fassung" in _latest_text(first)
        # The town adapts lesson 1 (its own fees).
        draft = first.get_latest_revision_as_object()
        draft.body = [{"type": "text", "value": "<p>In Beispielhausen: 20 €.</p>"}]
        draft.save_revision()

        # The origin publishes a new version; the beat job notices it.
        catalogue_site.shell(
            "from tests.exchange.remote import change_origin; change_origin()"
        )
        catalogue_site.manage("publish_course", SLUG)
        assert catalogue_check_updates() == 1
        assert CourseOrigin.objects.get(course=adopted).update_available

        page.goto(live_server.url + reverse("exchange:catalogue"))
        assert page.get_by_text("Aktualisierung verfügbar").is_visible()
        screenshot(page, "kursboerse-aktualisierung-verfuegbar")
        page.get_by_role("button", name="Aktualisierung ansehen").click()
        page.wait_for_load_state()
        content = page.content()
        assert "In Beispielhausen: 20 €." in content  # local version beside …
        assert "Lektion 1, zweite Fassung" in content  # … the origin's new one
        assert "hier bearbeitet" in content
        screenshot(page, "kursboerse-vergleich")
        page.get_by_role("button", name="Aktualisierung übernehmen").click()
        page.wait_for_load_state()
        context.close()

        assert _latest_text(first) == "<p>In Beispielhausen: 20 €.</p>"  # kept
        assert "Lektion 2, zweite Fassung" in _latest_text(second)  # updated
        origin = CourseOrigin.objects.get(course=adopted)
        assert not origin.update_available
    finally:
        if server is not None:
            server.stop()
        catalogue_site.drop()
