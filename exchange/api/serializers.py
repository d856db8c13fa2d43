"""Explicit serializers of the exchange API (course packages, updates)."""

from drf_spectacular.utils import OpenApiExample, extend_schema_serializer
from rest_framework import serializers


class CoursePackageUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="Das Kurspaket (ZIP im Format lotse-course/1)."
    )


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "Neuer Kurs",
            value={
                "course": 42,
                "slug": "hund-anmelden-digital",
                "update": None,
                "warnings": [],
            },
            response_only=True,
            status_codes=["201"],
        ),
        OpenApiExample(
            "Aktualisierung wartet auf Bestätigung",
            value={
                "course": 42,
                "slug": "hund-anmelden-digital",
                "update": 7,
                "warnings": [
                    "Lektion „Was ändert sich?“, Block 2: Der Text enthielt "
                    "Auszeichnungen, die Lotse nicht erlaubt; sie wurden entfernt."
                ],
            },
            response_only=True,
            status_codes=["202"],
        ),
    ]
)
class PackageImportResultSerializer(serializers.Serializer):
    course = serializers.IntegerField(help_text="Seiten-ID des übernommenen Kurses")
    slug = serializers.CharField(help_text="Kurzname des Kurses im Katalog")
    update = serializers.IntegerField(
        allow_null=True,
        help_text=(
            "ID der Aktualisierung, wenn das Paket eine neuere Version eines schon "
            "übernommenen Kurses ist; sie wartet im CMS auf Bestätigung."
        ),
    )
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="Hinweise, z. B. bereinigter Text (nichts davon hat den Import verhindert).",
    )
