"""Explicit serializers of the sandbox API (contract in issue 5)."""

from rest_framework import serializers

from ..models import SandboxRun


class PackageUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class PackageCreatedSerializer(serializers.Serializer):
    process = serializers.CharField(source="process_id")
    version = serializers.IntegerField()
    title = serializers.CharField()
    cases = serializers.SerializerMethodField()

    def get_cases(self, package) -> list[str]:
        return [case["id"] for case in package.cases]


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
        child=serializers.CharField(max_length=100), required=False, default=list
    )


class TaskSubmitSerializer(serializers.Serializer):
    data = serializers.DictField()


class HintRequestSerializer(serializers.Serializer):
    task = serializers.CharField(max_length=100)


class HintSerializer(serializers.Serializer):
    hint = serializers.CharField()


class ReadyTaskSerializer(serializers.Serializer):
    id = serializers.CharField()
    element = serializers.CharField()
    name = serializers.CharField()
    lane = serializers.CharField(allow_null=True)
    form = serializers.DictField()
    data = serializers.DictField()


class FindingSerializer(serializers.Serializer):
    element = serializers.CharField(allow_null=True)
    field = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class RunSerializer(serializers.Serializer):
    """A run: built from ``selectors.run_view``."""

    id = serializers.CharField()
    process = serializers.CharField()
    version = serializers.IntegerField()
    case = serializers.CharField()
    mode = serializers.CharField()
    status = serializers.CharField()
    ready_tasks = ReadyTaskSerializer(many=True)
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
            "ready_tasks": [
                {k: task[k] for k in ("id", "element", "name", "lane", "form", "data")}
                for task in view["ready_tasks"]
            ],
            "score": run.score if finished else None,
            "passed": run.passed if finished else None,
            "end_event": (run.end_event or None) if finished else None,
            "findings": view["findings"],
        }
