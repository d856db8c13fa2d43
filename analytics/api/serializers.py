from rest_framework import serializers

FORMULA_HELP = "Version der Formel, nach der die Bereitschaft berechnet ist"


class BarriersSerializer(serializers.Serializer):
    """Shares of the people by their first barrier (0..1)."""

    A = serializers.FloatField(help_text="Anteil mit der Hürde Bewusstsein (ADKAR)")
    D = serializers.FloatField(help_text="Anteil mit der Hürde Wunsch (ADKAR)")
    K = serializers.FloatField(help_text="Anteil mit der Hürde Wissen (ADKAR)")
    Ab = serializers.FloatField(help_text="Anteil mit der Hürde Können (ADKAR)")
    R = serializers.FloatField(help_text="Anteil mit der Hürde Festigen (ADKAR)")
    none = serializers.FloatField(help_text="Anteil ohne Hürde")


class ReadinessCellSerializer(serializers.Serializer):
    org_unit = serializers.CharField(help_text="Kürzel der Einheit")
    process = serializers.CharField(help_text="ID des Prozesses")
    n = serializers.IntegerField(
        allow_null=True, help_text="Zahl der Personen; null, wenn unterdrückt"
    )
    suppressed = serializers.BooleanField(
        help_text="Unterdrückt, weil weniger als 5 Personen"
    )
    readiness = serializers.FloatField(
        allow_null=True, min_value=0, max_value=100, help_text="Bereitschaft, 0–100"
    )
    ready_share = serializers.FloatField(
        allow_null=True, min_value=0, max_value=1, help_text="Anteil der Bereiten"
    )
    barriers = BarriersSerializer(allow_null=True, help_text="Anteile je Hürde")
    adoption = serializers.FloatField(
        allow_null=True,
        min_value=0,
        max_value=1,
        help_text="Anteil digital bearbeiteter Fälle der letzten 8 Wochen",
    )


class NextStepSerializer(serializers.Serializer):
    text = serializers.CharField(help_text="Was als Nächstes zu tun ist")
    url = serializers.CharField(help_text="Adresse dazu")
    link_text = serializers.CharField(help_text="Text des Links")


class MyReadinessSerializer(serializers.Serializer):
    process = serializers.CharField(help_text="ID des Prozesses")
    title = serializers.CharField(help_text="Titel des Prozesses")
    readiness = serializers.FloatField(help_text="Meine Bereitschaft, 0–100")
    ready = serializers.BooleanField(help_text="Bereit?")
    barrier = serializers.ChoiceField(
        choices=["A", "D", "K", "Ab", "R"],
        allow_null=True,
        help_text="Erste Hürde oder null",
    )
    barrier_label = serializers.CharField(allow_null=True, help_text="Name der Hürde")
    next_step = NextStepSerializer(help_text="Nächster Schritt")
    day = serializers.DateField(help_text="Stand vom")
    formula_version = serializers.CharField(help_text=FORMULA_HELP)


class AdoptionFigureSerializer(serializers.Serializer):
    org_unit = serializers.CharField(max_length=40, help_text="Kürzel der Einheit")
    process = serializers.CharField(max_length=100, help_text="ID des Prozesses")
    week = serializers.RegexField(
        r"^\d{4}-W\d{2}$", help_text="ISO-Woche, z. B. 2026-W47"
    )
    digital = serializers.IntegerField(
        min_value=0, help_text="Digital bearbeitete Fälle"
    )
    total = serializers.IntegerField(min_value=0, help_text="Alle Fälle")


class AdoptionReportResponseSerializer(serializers.Serializer):
    stored = serializers.IntegerField(help_text="Zahl der gespeicherten Einträge")
