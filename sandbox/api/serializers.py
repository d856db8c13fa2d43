"""Explicit serializers of the sandbox API (contract in issue 5)."""

from rest_framework import serializers

from common.text import data_problem

from ..forms import VALUE_MAX_LENGTH
from ..models import ProcessPackage, SandboxRun


class PackageUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class PackageSerializer(serializers.Serializer):
    """A version of a process package: after upload, approval or rejection."""

    id = serializers.IntegerField()
    process = serializers.CharField(source="process_id")
    version = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=ProcessPackage.Status.values)
    cases = serializers.SerializerMethodField()
    # After an upload: what was kept from the modelling tool but never evaluated.
    notes = serializers.SerializerMethodField()

    def get_cases(self, package) -> list[str]:
        return [case["id"] for case in package.cases]

    def get_notes(self, package) -> list[str]:
        return list(getattr(package, "import_notes", []))


class PackageReviewSerializer(serializers.Serializer):
    """Approving takes an optional comment; rejecting needs one (the service says
    so, in one place for the API and the CMS)."""

    comment = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class CaseSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()


class ProcessSerializer(serializers.Serializer):
    process = serializers.CharField(source="process_id")
    title = serializers.CharField()
    version = serializers.IntegerField()
    lanes = serializers.ListField(child=serializers.CharField())
    cases = serializers.SerializerMethodField()

    def get_cases(self, package) -> list[dict]:
        return [{"id": c["id"], "title": c["title"]} for c in package.cases]


class RunStartSerializer(serializers.Serializer):
    process = serializers.CharField(max_length=100)
    case = serializers.CharField(max_length=64)
    mode = serializers.ChoiceField(choices=SandboxRun.Mode.values)
    lanes = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        default=list,
        max_length=50,
    )
    # Without it, the live version; another version only as a preview for its
    # uploader and the lead trainers.
    version = serializers.IntegerField(
        min_value=1, max_value=2_147_483_647, required=False
    )


class TaskSubmitSerializer(serializers.Serializer):
    data = serializers.DictField()

    def validate_data(self, data: dict) -> dict:
        # Fields of a task form hold plain values; their types and limits are
        # checked against the form afterwards.
        problem = data_problem(data, max_depth=2, max_text_length=VALUE_MAX_LENGTH)
        if problem:
            raise serializers.ValidationError(problem[1])
        return data


class HintRequestSerializer(serializers.Serializer):
    task = serializers.CharField(max_length=100)


class HintSerializer(serializers.Serializer):
    hint = serializers.CharField()


class ChoiceOptionSerializer(serializers.Serializer):
    flow = serializers.CharField()
    label = serializers.CharField()


class ReadyTaskSerializer(serializers.Serializer):
    """``kind``: ``form`` (submit the form's fields), ``confirm`` (submit
    ``{}``) or ``choice`` (submit ``{"flow": <one of options>}``)."""

    id = serializers.CharField()
    element = serializers.CharField()
    name = serializers.CharField()
    lane = serializers.CharField(allow_null=True)
    kind = serializers.ChoiceField(choices=["form", "confirm", "choice"])
    options = ChoiceOptionSerializer(many=True)
    form = serializers.DictField()
    data = serializers.DictField()


class RunStepSerializer(serializers.Serializer):
    """A step done in the run: by the trainee, by a colleague of another lane
    (``auto``), or by the sandbox itself (``kind`` ``automatic``)."""

    element = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=["form", "confirm", "choice", "automatic"])
    auto = serializers.BooleanField()
    label = serializers.CharField()


class FindingSerializer(serializers.Serializer):
    element = serializers.CharField(allow_null=True)
    field = serializers.CharField(allow_null=True)
    message = serializers.CharField()


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

    id = serializers.CharField()
    process = serializers.CharField()
    version = serializers.IntegerField()
    case = serializers.CharField()
    mode = serializers.CharField()
    status = serializers.CharField()
    preview = serializers.BooleanField()
    ready_tasks = ReadyTaskSerializer(many=True)
    steps = RunStepSerializer(many=True)
    score = serializers.IntegerField(allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    end_event = serializers.CharField(allow_null=True)
    findings = FindingSerializer(many=True)

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
