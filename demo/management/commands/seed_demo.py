from django.core.management.base import BaseCommand

from demo import analytics, courses, learning, sandboxes, town
from demo.accounts import DEMO_LOGINS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Legt die Demo-Stadt Musterstadt an (idempotent, nie im Produktivbetrieb)."

    def handle(self, *args, **options):
        # Order matters: the town (people), the sandboxes the courses refer to, the
        # courses, then assignments and progress over all of them.
        town.seed_town(stdout=self.stdout)
        sandboxes.seed(stdout=self.stdout)
        courses.seed(stdout=self.stdout)
        learning.seed_learning(stdout=self.stdout)
        analytics.seed_analytics(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo-Zugänge (Passwort: {DEMO_PASSWORD}):")
        )
        for login in DEMO_LOGINS:
            self.stdout.write(
                f"  {login.username:<22} {login.job_title} ({login.unit})"
            )
