"""Fixtures of the exchange tests: media in a temporary folder, built packages."""

import hashlib
import io
import json
import zipfile

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of these tests go to a folder of their own (before the demo
    town is seeded, so exports find its images)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def build_package(demo_town):
    """build_package(slug) → the course's package as bytes (as the API exports it)."""
    from exchange import selectors
    from exchange.packages.build import course_package_build

    def build(slug: str) -> bytes:
        return course_package_build(selectors.course_for_export(slug=slug)).data

    return build


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(members: dict[str, bytes], *, checksums: bool = True) -> bytes:
    """Zip ``members``; with ``checksums`` the manifest lists the new checksums."""
    members = dict(members)
    if checksums and "manifest.json" in members:
        manifest = json.loads(members["manifest.json"])
        manifest["members"] = {
            name: hashlib.sha256(data).hexdigest()
            for name, data in members.items()
            if name != "manifest.json"
        }
        members["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def small_course(db):
    """A course without the demo town: two lessons with an image, a video, a quiz,
    a link from the first lesson to the second and a sandbox exercise."""
    import uuid

    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    from courses.models import CourseCatalogue, LessonMedia
    from demo.courses import site_root_ensure
    from sandbox import services as sandbox_services
    from tests.support.courses import add_course, png_file, quiz_block, text_block
    from tests.support.sandbox import make_zip, package_members

    # Also after a transactional test flushed Wagtail's site and root collection.
    root = site_root_ensure()
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    catalogue = CourseCatalogue(title="Kurse", slug="kurse")
    root.add_child(instance=catalogue)
    image = get_image_model().objects.create(title="Testbild", file=png_file())
    video = LessonMedia.objects.create(
        title="Testvideo",
        type="video",
        duration=3,
        file=ContentFile(b"\x1aE\xdf\xa3 not really webm", name="film.webm"),
        captions=ContentFile(
            b"WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n", name="film.vtt"
        ),
    )
    sandbox_services.package_import(file=make_zip(package_members("hund_anmelden")))
    course = add_course(catalogue, slug="kleiner-kurs", lessons=2)
    first, second = course.get_children().specific().order_by("path")
    first.body = json.dumps(
        [
            text_block(
                f'<p data-block-key="a1">Weiter mit <a linktype="page" '
                f'id="{second.pk}">Lektion 2</a>.</p>'
            ),
            {
                "type": "image",
                "id": str(uuid.uuid4()),
                "value": {"image": image.pk, "alt_text": "Ein Bild", "caption": ""},
            },
        ]
    )
    first.save_revision().publish()
    second.body = json.dumps(
        [
            {
                "type": "video",
                "id": str(uuid.uuid4()),
                "value": {"video": video.pk, "title": "Film", "transcript": ""},
            },
            quiz_block(),
            {
                "type": "sandbox_exercise",
                "id": str(uuid.uuid4()),
                "value": {
                    "title": "Üben",
                    "description": "",
                    "process_id": "hund_anmelden",
                    "case_id": "labrador",
                    "mode": "guided",
                },
            },
        ]
    )
    second.save_revision().publish()
    course.save_revision().publish()
    return course


@pytest.fixture
def small_package(small_course) -> bytes:
    from exchange.packages.build import course_package_build

    return course_package_build(small_course).data


@pytest.fixture
def ralph(tmp_path):
    """A real Ralph LRS on a free port, for the length of one test."""
    from tests.support.ralph import Ralph, ralph_python
    from tests.support.services import require_service

    python = ralph_python()
    require_service(
        python is not None,
        "Ralph (ralph-malph 5.1.0)",
        "legen Sie .venv-ralph an: python3 -m venv .venv-ralph && "
        ".venv-ralph/bin/pip install 'ralph-malph[lrs]==5.1.0' requests",
    )
    server = Ralph(python, tmp_path / "ralph")
    server.start()
    yield server
    server.close()


@pytest.fixture
def lrs_settings(settings, ralph):
    from tests.support.ralph import PASSWORD, USERNAME

    settings.XAPI_LRS_ENDPOINT = ralph.endpoint
    settings.XAPI_LRS_USERNAME = USERNAME
    settings.XAPI_LRS_PASSWORD = PASSWORD
    settings.XAPI_LRS_BATCH_SIZE = 3
    settings.XAPI_LRS_TIMEOUT = 10
    return settings
