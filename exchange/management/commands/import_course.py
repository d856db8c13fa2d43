from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from exchange.services import course_package_import


class Command(BaseCommand):
    help = (
        "Übernimmt einen Kurs aus einem Kurspaket (ZIP) als Entwurf zur Prüfung; "
        "eine neuere Version eines übernommenen Kurses wartet als Aktualisierung."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--parent", help="Kurzname (Slug) des Kurskatalogs", default=None
        )

    def handle(self, *args, file: Path, parent: str | None, **options):
        try:
            result = course_package_import(file=file, parent_slug=parent)
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(
                f"{len(exc.messages)} Problem(e) – es wurde nichts gespeichert."
            ) from None
        for warning in result.warnings:
            self.stderr.write(warning)
        if result.update is not None:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Version {result.update.version} von „{result.course.title}“ "
                    "wartet als Aktualisierung auf Bestätigung im CMS "
                    f"(Aktualisierung {result.update.pk})."
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Kurs „{result.course.title}“ übernommen: Seite {result.course.pk}, "
                f"Kurzname {result.course.slug} (Entwurf zur Prüfung)."
            )
        )
