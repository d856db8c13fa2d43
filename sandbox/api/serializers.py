"""Explicit serializers of the sandbox API (contract in issue 5)."""

from rest_framework import serializers

from common.text import data_problem

from ..forms import VALUE_MAX_LENGTH
from ..models import ProcessPackage, SandboxRun


class PackageUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="Das Prozesspaket (ZIP mit process.bpmn und sandbox.json)"
    )


class PackageSerializer(serializers.Serializer):
    """A version of a process package: after upload, approval or rejection."""

    id = serializers.IntegerField(help_text="ID der Version")
    process = serializers.CharField(source="process_id", help_text="ID des Prozesses")
    version = serializers.IntegerField(help_text="Versionsnummer")
    title = serializers.CharField(help_text="Titel des Prozesses")
    status = serializers.ChoiceField(
        choices=ProcessPackage.Status.values,
        help_text="Stand: pending_review, live, rejected oder retired",
    )
    cases = serializers.SerializerMethodField(help_text="IDs der Fälle")
    # After an upload: what was kept from the modelling tool but never evaluated.
    notes = serializers.SerializerMethodField(
        help_text="Nach dem Hochladen: übernommene, aber nicht ausgewertete Teile"
    )

    def get_cases(self, package) -> list[str]:
        return [case["id"] for case in package.cases]

    def get_notes(self, package) -> list[str]:
        return list(getattr(package, "import_notes", []))


class PackageReviewSerializer(serializers.Serializer):
    """Approving takes an optional comment; rejecting needs one (the service says
    so, in one place for the API and the CMS)."""

    comment = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Kommentar der Prüfung (beim Ablehnen Pflicht)",
    )


class CaseSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="ID des Falls")
    title = serializers.CharField(help_text="Titel des Falls")


class ProcessSerializer(serializers.Serializer):
    process = serializers.CharField(source="process_id", help_text="ID des Prozesses")
    title = serializers.CharField(help_text="Titel des Prozesses")
    version = serializers.IntegerField(help_text="Geltende Version")
    lanes = serializers.ListField(
        child=serializers.CharField(), help_text="Bahnen (Rollen) des Prozesses"
    )
    cases = serializers.SerializerMethodField(help_text="Fälle mit ID und Titel")

    def get_cases(self, package) -> list[dict]:
        return [{"id": c["id"], "title": c["title"]} for c in package.cases]


class RunStartSerializer(serializers.Serializer):
    process = serializers.CharField(max_length=100, help_text="ID des Prozesses")
    case = serializers.CharField(max_length=64, help_text="ID des Falls")
    mode = serializers.ChoiceField(
        choices=SandboxRun.Mode.values, help_text="Modus: guided, practice oder exam"
    )
    lanes = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        default=list,
        max_length=50,
        help_text="Gespielte Bahnen; leer: alle",
    )
    # Without it, the live version; another version only as a preview for its
    # uploader and the lead trainers.
    version = serializers.IntegerField(
        min_value=1,
        max_value=2_147_483_647,
        required=False,
        help_text="Version (ohne: die geltende; andere nur als Vorschau)",
    )


class TaskSubmitSerializer(serializers.Serializer):
    data = serializers.DictField(
        help_text='Eingaben des Schritts: Felder des Formulars, {} oder {"flow": …}'
    )

    def validate_data(self, data: dict) -> dict:
        # Fields of a task form hold plain values; their types and limits are
        # checked against the form afterwards.
        problem = data_problem(data, max_depth=2, max_text_length=VALUE_MAX_LENGTH)
        if problem:
            raise serializers.ValidationError(problem[1])
        return data


class HintRequestSerializer(serializers.Serializer):
    task = serializers.CharField(max_length=100, help_text="ID des offenen Schritts")


class HintSerializer(serializers.Serializer):
    hint = serializers.CharField(help_text="Der Hinweis")


class ChoiceOptionSerializer(serializers.Serializer):
    flow = serializers.CharField(help_text="ID des Wegs")
    label = serializers.CharField(help_text="Beschriftung des Wegs")


class ReadyTaskSerializer(serializers.Serializer):
    """``kind``: ``form`` (submit the form's fields), ``confirm`` (submit
    ``{}``) or ``choice`` (submit ``{"flow": <one of options>}``)."""

    id = serializers.CharField(help_text="ID des offenen Schritts")
    element = serializers.CharField(help_text="ID des Elements im BPMN")
    name = serializers.CharField(help_text="Name des Schritts")
    lane = serializers.CharField(
        allow_null=True, help_text="Bahn des Schritts oder null"
    )
    kind = serializers.ChoiceField(
        choices=["form", "confirm", "choice"],
        help_text="Art: form, confirm oder choice",
    )
    options = ChoiceOptionSerializer(many=True, help_text="Wege zur Wahl (bei choice)")
    form = serializers.DictField(help_text="Formular als JSON Schema (bei form)")
    data = serializers.DictField(help_text="Daten des Falls, die der Schritt zeigt")


class RunStepSerializer(serializers.Serializer):
    """A step done in the run: by the trainee, by a colleague of another lane
    (``auto``), or by the sandbox itself (``kind`` ``automatic``)."""

    element = serializers.CharField(help_text="ID des Elements im BPMN")
    name = serializers.CharField(help_text="Name des Schritts")
    kind = serializers.ChoiceField(
        choices=["form", "confirm", "choice", "automatic"],
        help_text="Art: form, confirm, choice oder automatic",
    )
    auto = serializers.BooleanField(
        help_text="Von einer Kollegin oder einem Kollegen einer anderen Bahn erledigt"
    )
    label = serializers.CharField(help_text="Was geschah")


class FindingSerializer(serializers.Serializer):
    element = serializers.CharField(
        allow_null=True, help_text="ID des Elements oder null"
    )
    field = serializers.CharField(allow_null=True, help_text="Feld oder null")
    message = serializers.CharField(help_text="Befund")


class RunSummarySerializer(serializers.Serializer):
    """A run in the list of one's own runs."""

    id = serializers.CharField(source="pk", help_text="ID des Durchlaufs")
    process = serializers.CharField(source="process_id", help_text="ID des Prozesses")
    version = serializers.IntegerField(help_text="Version des Prozesspakets")
    case = serializers.CharField(source="case_id", help_text="ID des Falls")
    mode = serializers.CharField(help_text="Modus: guided, practice oder exam")
    status = serializers.CharField(help_text="Stand: active oder finished")
    score = serializers.IntegerField(allow_null=True, help_text="Punkte (0–100)")
    passed = serializers.BooleanField(allow_null=True, help_text="Bestanden?")
    started_at = serializers.DateTimeField(source="created_at", help_text="Begonnen am")


class RunSerializer(serializers.Serializer):
    """A run: built from ``selectors.run_view``."""

    id = serializers.CharField(help_text="ID des Durchlaufs")
    process = serializers.CharField(help_text="ID des Prozesses")
    version = serializers.IntegerField(help_text="Version des Prozesspakets")
    case = serializers.CharField(help_text="ID des Falls")
    mode = serializers.CharField(help_text="Modus: guided, practice oder exam")
    status = serializers.CharField(help_text="Stand: active oder finished")
    preview = serializers.BooleanField(
        help_text="Vorschau einer noch nicht geltenden Version?"
    )
    ready_tasks = ReadyTaskSerializer(many=True, help_text="Offene Schritte")
    steps = RunStepSerializer(many=True, help_text="Erledigte Schritte")
    score = serializers.IntegerField(
        allow_null=True, help_text="Punkte (0–100), erst am Ende"
    )
    passed = serializers.BooleanField(
        allow_null=True, help_text="Bestanden?, erst am Ende"
    )
    end_event = serializers.CharField(
        allow_null=True, help_text="Erreichtes Ende, erst am Ende"
    )
    findings = FindingSerializer(many=True, help_text="Befunde der Bewertung")

    @staticmethod
    def from_view(view: dict) -> dict:
        run = view["run"]
        finished = run.status == SandboxRun.Status.FINISHED
        return {
            "id": str(run.pk),
            "process": run.process_id,
            "version": run.version,
            "case": run.case_id,
            "mode": run.mode,
            "status": run.status,
            "preview": run.preview,
            "ready_tasks": [
                {
                    k: task[k]
                    for k in (
                        "id",
                        "element",
                        "name",
                        "lane",
                        "kind",
                        "options",
                        "form",
                        "data",
                    )
                }
                for task in view["ready_tasks"]
            ],
            "steps": view["steps"],
            "score": run.score if finished else None,
            "passed": run.passed if finished else None,
            "end_event": (run.end_event or None) if finished else None,
            "findings": view["findings"],
        }
