from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sandbox.packages.labels import label_warnings
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
                _("Das Paket wurde nicht importiert (%(count)s Fehler).")
                % {"count": len(exc.messages)}
            ) from None
        for warning in label_warnings(package.manifest):
            self.stdout.write(self.style.WARNING(f"  – {warning}"))
        if package.is_new:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "„%(title)s“ (%(process)s) als Version %(version)s "
                        "importiert, %(cases)s Fälle."
                    )
                    % {
                        "title": package.title,
                        "process": package.process_id,
                        "version": package.version,
                        "cases": len(package.cases),
                    }
                )
            )
        else:
            self.stdout.write(
                _("„%(title)s“ ist unverändert; Version %(version)s bleibt aktuell.")
                % {"title": package.title, "version": package.version}
            )
