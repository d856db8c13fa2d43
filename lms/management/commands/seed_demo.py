from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from courses import demo as courses_demo
from lms import demo, demo_learning
from sandbox import demo as sandbox_demo


class Command(BaseCommand):
    help = "Legt die Demo-Stadt Musterstadt an (idempotent, nie im Produktivbetrieb)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo läuft nicht im Produktivbetrieb (LOTSE_PRODUCTION=1): "
                "Demo-Daten gehören nicht in eine echte Verwaltung."
            )
        # Order matters: the town (people), the sandboxes the courses refer to, the
        # courses, then assignments and progress over all of them.
        demo.seed_town(stdout=self.stdout)
        sandbox_demo.seed(stdout=self.stdout)
        courses_demo.seed(stdout=self.stdout)
        demo_learning.seed_learning(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo-Zugänge (Passwort: lotse-demo):"))
        for username, _first, _last, unit, title, *_ in demo.DEMO_LOGINS:
            self.stdout.write(f"  {username:<22} {title} ({unit})")
