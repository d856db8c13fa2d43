"""Every package is hostile until checked: each case is refused with a German
sentence per problem, and nothing is stored or written outside a temporary folder."""

import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from courses.models import CoursePage, LessonMedia, LessonPage
from exchange.models import CourseOrigin
from exchange.services import course_package_import
from sandbox.models import ProcessPackage
from tests.exchange.conftest import rezip, unzip


def _stored(media_root: Path) -> dict:
    files = sorted(
        str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()
    )
    return {
        "courses": CoursePage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "videos": LessonMedia.objects.count(),
        "processes": ProcessPackage.objects.count(),
        "origins": CourseOrigin.objects.count(),
        "files": files,
    }


@pytest.fixture(autouse=True)
def own_temp_folder(tmp_path, monkeypatch):
    """Unpack into this test's own temporary folder: other test processes unpack in
    parallel, and their folders must not count as left behind (or vanish) here."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


def _temp_folders() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("lotse-kurs-*")}


def refused(data: bytes, media_root: Path) -> list[str]:
    """Import ``data``; assert it is refused and nothing was stored. The problems."""
    before, folders = _stored(media_root), _temp_folders()
    with pytest.raises(ValidationError) as caught:
        course_package_import(file=data)
    assert _stored(media_root) == before
    assert _temp_folders() == folders
    return caught.value.messages


def _content(members: dict) -> dict:
    return json.loads(members["course.json"])


def _with_content(members: dict, content: dict) -> bytes:
    return rezip({**members, "course.json": json.dumps(content).encode()})


def _raw_zip(entries: list[tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return buffer.getvalue()


@pytest.mark.django_db
def test_not_a_zip(small_package, media_root):
    assert refused(b"PK\x03\x04 kaputt", media_root) == [
        "Die Datei ist kein ZIP-Archiv oder sie ist beschädigt."
    ]


@pytest.mark.django_db
def test_missing_manifest(small_package, media_root):
    members = unzip(small_package)
    del members["manifest.json"]
    assert refused(rezip(members, checksums=False), media_root) == [
        "Das Paket enthält keine manifest.json."
    ]


@pytest.mark.django_db
def test_manifest_not_json_or_incomplete(small_package, media_root):
    members = unzip(small_package)
    broken = rezip({**members, "manifest.json": b"{kein json"}, checksums=False)
    assert refused(broken, media_root) == ["manifest.json ist kein gültiges JSON."]
    manifest = json.loads(members["manifest.json"])
    del manifest["origin"]
    manifest["version"] = "neu"
    incomplete = rezip(
        {**members, "manifest.json": json.dumps(manifest).encode()}, checksums=False
    )
    assert refused(incomplete, media_root) == [
        "manifest.json nennt keine gültige Herkunft (Installation und Kurs-ID).",
        "manifest.json nennt keine gültige Version.",
    ]


@pytest.mark.django_db
def test_unknown_format_version(small_package, media_root):
    members = unzip(small_package)
    manifest = json.loads(members["manifest.json"])
    manifest["format"] = "lotse-course/9"
    data = rezip(
        {**members, "manifest.json": json.dumps(manifest).encode()}, checksums=False
    )
    assert refused(data, media_root) == [
        "Unbekanntes Paketformat „lotse-course/9“; Lotse liest „lotse-course/1“."
    ]


@pytest.mark.django_db
def test_checksum_mismatch_and_unlisted_and_missing_members(small_package, media_root):
    members = unzip(small_package)
    image = next(name for name in members if name.startswith("images/"))
    tampered = {**members, "course.json": members["course.json"] + b" "}
    tampered["extra.txt"] = b"nicht gelistet"
    del tampered[image]
    problems = refused(rezip(tampered, checksums=False), media_root)
    assert problems == [
        "Die Prüfsumme von „course.json“ stimmt nicht.",
        "Der Eintrag „extra.txt“ steht nicht in der Prüfsummenliste.",
        f"„{image}“ steht in der Prüfsummenliste, fehlt aber im Paket.",
    ]


@pytest.mark.django_db
def test_absolute_paths_dot_dot_and_links(small_package, media_root, tmp_path):
    members = unzip(small_package)
    link = zipfile.ZipInfo("images/link.png")
    link.external_attr = 0o120777 << 16
    entries = [(name, data) for name, data in members.items()] + [
        ("/tmp/lotse-absolut.txt", b"x"),
        ("../../lotse-ausserhalb.txt", b"x"),
        ("images/../../lotse-ausserhalb2.txt", b"x"),
        (link, b"/etc/passwd"),
    ]
    problems = refused(_raw_zip(entries), media_root)
    assert problems == [
        "Der Eintrag „/tmp/lotse-absolut.txt“ hat einen unzulässigen Pfad (absolut oder mit „..“).",
        "Der Eintrag „../../lotse-ausserhalb.txt“ hat einen unzulässigen Pfad (absolut oder mit „..“).",
        "Der Eintrag „images/../../lotse-ausserhalb2.txt“ hat einen unzulässigen Pfad (absolut oder mit „..“).",
        "Der Eintrag „images/link.png“ ist ein Link; Links sind nicht erlaubt.",
    ]
    assert not Path("/tmp/lotse-absolut.txt").exists()
    assert not (Path(tempfile.gettempdir()).parent / "lotse-ausserhalb.txt").exists()


@pytest.mark.django_db
def test_too_many_members_and_too_large(small_package, media_root, settings):
    settings.LOTSE_COURSE_PACKAGE_MAX_MEMBERS = 3
    settings.LOTSE_COURSE_PACKAGE_MAX_SIZE = 10 * 1024
    count = len(unzip(small_package))
    assert refused(small_package, media_root) == [
        f"Das Paket enthält {count} Einträge; erlaubt sind höchstens 3.",
        "Das Paket ist entpackt größer als 0 MB; erlaubt sind höchstens 0 MB.",
    ]


def test_default_size_limit_is_500_megabytes(settings):
    assert settings.LOTSE_COURSE_PACKAGE_MAX_SIZE == 500 * 1024 * 1024


@pytest.mark.django_db
def test_unknown_block_types_and_dangling_references_each_listed(
    small_package, media_root
):
    members = unzip(small_package)
    content = _content(members)
    first, second = content["lessons"]
    first["body"].append({"type": "evil_script", "value": "x", "id": "1"})
    first["body"][1]["value"]["image"] = 987654
    second["body"][0]["value"]["unknown_field"] = 1
    problems = refused(_with_content(members, content), media_root)
    assert problems == [
        "Lektion „Lektion 1“, Block 2: verweist auf Bild 987654, das nicht im Paket ist.",
        "Lektion „Lektion 1“, Block 3: Unbekannter Blocktyp „evil_script“.",
        "Lektion „Lektion 2“, Block 1: Unbekanntes Feld „unknown_field“.",
    ]


@pytest.mark.django_db
def test_invalid_sandbox_package_uses_the_sandbox_validation(small_package, media_root):
    members = unzip(small_package)
    manifest = json.loads(members["sandbox/hund_anmelden/sandbox.json"])
    manifest["cases"][0]["expected_end"] = "End_Gibt_Es_Nicht"
    members["sandbox/hund_anmelden/sandbox.json"] = json.dumps(manifest).encode()
    problems = refused(rezip(members), media_root)
    assert problems
    assert all(p.startswith("Übungsraum „hund_anmelden“: ") for p in problems)
    assert any("End_Gibt_Es_Nicht" in p for p in problems)


@pytest.mark.django_db
def test_image_that_is_not_an_image_and_video_without_captions(
    small_package, media_root
):
    members = unzip(small_package)
    content = _content(members)
    image = content["images"][0]["file"]
    members[image] = b"<?php system($_GET['x']); ?>"
    content["videos"][0]["captions"] = None
    problems = refused(_with_content(members, content), media_root)
    video = content["videos"][0]["file"]
    assert problems == [
        f"„{image}“ ist kein lesbares Bild.",
        f"Zum Video „{video}“ fehlen die Untertitel (WebVTT).",
    ]


@pytest.mark.django_db
def test_content_the_editor_would_refuse_stores_nothing_not_even_files(
    small_package, media_root
):
    """The image is stored before the lessons are checked; the failing lesson rolls
    back the transaction, and the stored files are removed again."""
    members = unzip(small_package)
    content = _content(members)
    content["lessons"][0]["body"][1]["value"]["alt_text"] = ""
    problems = refused(_with_content(members, content), media_root)
    assert len(problems) == 1
    assert problems[0].startswith(
        "Lektion „Lektion 1“: Bitte geben Sie einen Alternativtext ein"
    )


@pytest.mark.django_db
def test_rich_text_outside_the_allow_list_is_cleaned_and_reported(
    small_package, media_root
):
    members = unzip(small_package)
    content = _content(members)
    content["lessons"][0]["body"][0]["value"] = (
        '<p data-block-key="a1" onclick="steal()">Hallo<script>alert(1)</script></p>'
    )
    result = course_package_import(file=_with_content(members, content))
    assert result.warnings == [
        "Lektion „Lektion 1“, Block 1: Der Text enthielt Auszeichnungen, die Lotse "
        "nicht erlaubt; sie wurden entfernt."
    ]
    lesson = LessonPage.objects.child_of(result.course).order_by("path").first()
    assert lesson.body.raw_data[0]["value"] == '<p data-block-key="a1">Hallo</p>'


@pytest.mark.django_db
def test_api_lists_every_problem(small_package, media_root, make_person, client):
    trainer = make_person(role_names={"trainer"})
    from courses.services import catalogue_setup_review

    catalogue_setup_review(
        catalogue=CoursePage.objects.get(slug="kleiner-kurs").get_parent().specific
    )
    client.force_login(trainer)
    members = unzip(small_package)
    del members["manifest.json"]
    response = client.post(
        "/api/v1/courses/packages/", {"file": io.BytesIO(rezip(members))}
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Das Kurspaket wurde nicht übernommen.",
        "errors": {"file": ["Das Paket enthält keine manifest.json."]},
    }
