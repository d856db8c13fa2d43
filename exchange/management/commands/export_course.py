from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange import selectors
from exchange.packages.build import course_package_build


class Command(BaseCommand):
    help = "Exportiert einen Kurs als Kurspaket (lotse-course/1, ZIP)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Kurzname (Slug) des Kurses")
        parser.add_argument("file", type=Path, help="Zieldatei, z. B. kurs.zip")

    def handle(self, *args, slug: str, file: Path, **options):
        course = selectors.course_for_export(slug=slug)
        if course is None:
            raise CommandError(f"Es gibt keinen Kurs „{slug}“.")
        package = course_package_build(course)
        try:
            file.write_bytes(package.data)
        except OSError as exc:
            raise CommandError(f"Datei kann nicht geschrieben werden: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Kurs „{course.title}“ (Version {package.version}) exportiert: "
                f"{file} ({len(package.data)} Bytes)."
            )
        )
