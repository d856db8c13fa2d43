from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lms import demo

# Each app seeds its own demo content; lms (the town) goes first.
APP_SEEDERS = ["sandbox.demo", "courses.demo"]


class Command(BaseCommand):
    help = "Legt die Demo-Stadt Musterstadt an (idempotent, nie im Produktivbetrieb)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo läuft nicht im Produktivbetrieb (LOTSE_PRODUCTION=1): "
                "Demo-Daten gehören nicht in eine echte Verwaltung."
            )
        demo.seed_town(stdout=self.stdout)
        for module in APP_SEEDERS:
            if find_spec(module) is not None:
                import_module(module).seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-Zugänge (Passwort: lotse-demo):"))
        for username, _first, _last, unit, title, *_ in demo.DEMO_LOGINS:
            self.stdout.write(f"  {username:<22} {title} ({unit})")
