from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sandbox.services import package_import


class Command(BaseCommand):
    help = (
        "Importiert ein Prozesspaket (ZIP-Datei oder Ordner mit process.bpmn, "
        "sandbox.json und optional decisions.dmn) als neue Version."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="ZIP-Datei oder Ordner des Prozesspakets")

    def handle(self, *args, path, **options):
        try:
            package = package_import(file=path)
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(f"  – {message}")
            raise CommandError(
                f"Das Paket wurde nicht importiert ({len(exc.messages)} Fehler)."
            ) from None
        if package.is_new:
            self.stdout.write(
                self.style.SUCCESS(
                    f"„{package.title}“ ({package.process_id}) als Version "
                    f"{package.version} importiert, {len(package.cases)} Fälle."
                )
            )
        else:
            self.stdout.write(
                f"„{package.title}“ ist unverändert; Version {package.version} bleibt "
                "aktuell."
            )
