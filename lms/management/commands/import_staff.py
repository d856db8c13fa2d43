from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lms.services.staff_import import staff_import


class Command(BaseCommand):
    help = "Importiert Beschäftigte aus einer CSV-Datei (UTF-8, ; oder ,)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Nur prüfen, nichts speichern."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Datei kann nicht gelesen werden: {exc}") from exc
        result = staff_import(data=data, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            hidden = result.error_count - len(result.errors)
            if hidden:
                self.stderr.write(f"… und {hidden} weitere Fehler.")
            raise CommandError(
                f"{result.error_count} Fehler – es wurde nichts gespeichert."
            )
        prefix = "Prüfung (nichts gespeichert)" if dry_run else "Import gespeichert"
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}: {result.created} neu, {result.updated} geändert, "
                f"{result.unchanged} unverändert."
            )
        )
