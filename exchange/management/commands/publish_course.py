from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from exchange import selectors
from exchange.packages.build import course_package_build
from exchange.services.catalogue import catalogue_publish


class Command(BaseCommand):
    help = (
        "Bietet einen Kurs dieser Installation (Kurzname) oder ein Kurspaket (--file) "
        "in der Kursbörse an; nur im Katalogmodus (LOTSE_EXCHANGE_CATALOGUE)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="Kurzname (Slug) des Kurses")
        parser.add_argument("--file", type=Path, help="ein Kurspaket (ZIP)")

    def handle(self, *args, slug: str | None, file: Path | None, **options):
        if not settings.LOTSE_EXCHANGE_CATALOGUE:
            raise CommandError("Diese Installation ist keine Kursbörse.")
        if file is not None:
            data = file.read_bytes()
        else:
            course = selectors.course_for_export(slug=slug)
            if course is None:
                raise CommandError(f"Es gibt keinen Kurs „{slug}“.")
            data = course_package_build(course).data
        try:
            entry = catalogue_publish(file=data)
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError("Nicht veröffentlicht.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"„{entry.title}“ Version {entry.version} in der Kursbörse (Eintrag {entry.pk})."
            )
        )
