from django.core.management.base import BaseCommand

from analytics.selectors.scope import process_scopes
from analytics.services.evidence import evidence_backfill
from analytics.services.recompute import readiness_recompute


class Command(BaseCommand):
    help = "Berechnet die Bereitschaft für heute neu (wie der nächtliche Lauf)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backfill-evidence",
            action="store_true",
            help="Übungsnachweise vorher aus den gespeicherten Durchläufen aufbauen.",
        )

    def handle(self, *args, backfill_evidence=False, **options):
        if backfill_evidence:
            evidence_backfill(process_ids=list(process_scopes()))
        result = readiness_recompute()
        self.stdout.write(
            f"{result['people']} Bereitschaftswerte für {result['processes']} Prozesse berechnet."
        )
