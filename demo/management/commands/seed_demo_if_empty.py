from django.core.management import call_command
from django.core.management.base import BaseCommand

from lms.models import OrgUnit


class Command(BaseCommand):
    help = "Legt die Demo-Stadt an, wenn die Datenbank noch leer ist (für make run)."

    def handle(self, *args, **options):
        if OrgUnit.objects.exists():
            self.stdout.write(
                "Datenbank enthält schon Daten – Demo wird nicht angelegt."
            )
            return
        call_command("seed_demo", stdout=self.stdout)
