"""Export from this installation, import into a second, empty one (its own
PostgreSQL database and media folder): the same course comes out."""

import json

import pytest

from tests.exchange.snapshot import course_snapshot
from tests.support.installations import empty_installation

SLUG = "bauantrag-digital-pruefen"
CREATE_CATALOGUE = (
    "from wagtail.models import Site; from courses.models import CourseCatalogue; "
    "root = Site.objects.get(is_default_site=True).root_page; "
    "root.add_child(instance=CourseCatalogue(title='Kurse', slug='kurse'))"
)


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database_gives_equal_content(
    postgres, build_package, tmp_path
):
    package = tmp_path / "kurs.zip"
    package.write_bytes(build_package(SLUG))
    expected = course_snapshot(SLUG)

    second = empty_installation("zweite", tmp_path / "media-zweite")
    try:
        counts = json.loads(
            second.shell(
                "import json; from courses.models import CoursePage; "
                "from sandbox.models import ProcessPackage; "
                "print(json.dumps([CoursePage.objects.count(), "
                "ProcessPackage.objects.count()]))"
            )
        )
        assert counts == [0, 0]  # really empty
        second.shell(CREATE_CATALOGUE)
        result = second.manage("import_course", str(package), "--parent", "kurse")
        assert "übernommen" in result.stdout
        imported = json.loads(
            second.shell(
                "from tests.exchange.snapshot import print_snapshot; "
                f"print_snapshot('{SLUG}')"
            )
        )
        assert imported == expected
        assert expected["processes"] == {
            "bauantrag": imported["processes"]["bauantrag"]
        }
        assert any(
            block["type"] == "quiz"
            for lesson in imported["lessons"]
            for block in lesson["body"]
        )
        assert (tmp_path / "media-zweite").exists()
    finally:
        second.drop()
