from rest_framework import serializers


class BarriersSerializer(serializers.Serializer):
    A = serializers.FloatField()
    D = serializers.FloatField()
    K = serializers.FloatField()
    Ab = serializers.FloatField()
    R = serializers.FloatField()
    none = serializers.FloatField()


class ReadinessCellSerializer(serializers.Serializer):
    org_unit = serializers.CharField()
    process = serializers.CharField()
    n = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()
    readiness = serializers.FloatField(allow_null=True, min_value=0, max_value=100)
    ready_share = serializers.FloatField(allow_null=True, min_value=0, max_value=1)
    barriers = BarriersSerializer(allow_null=True)
    adoption = serializers.FloatField(allow_null=True, min_value=0, max_value=1)


class ReadinessResponseSerializer(serializers.Serializer):
    formula_version = serializers.CharField()
    cells = ReadinessCellSerializer(many=True)


class NextStepSerializer(serializers.Serializer):
    text = serializers.CharField()
    url = serializers.CharField()
    link_text = serializers.CharField()


class MyReadinessSerializer(serializers.Serializer):
    process = serializers.CharField()
    title = serializers.CharField()
    readiness = serializers.FloatField()
    ready = serializers.BooleanField()
    barrier = serializers.ChoiceField(
        choices=["A", "D", "K", "Ab", "R"], allow_null=True
    )
    barrier_label = serializers.CharField(allow_null=True)
    next_step = NextStepSerializer()
    day = serializers.DateField()


class MyReadinessResponseSerializer(serializers.Serializer):
    formula_version = serializers.CharField()
    processes = MyReadinessSerializer(many=True)


class AdoptionFigureSerializer(serializers.Serializer):
    org_unit = serializers.CharField(max_length=40)
    process = serializers.CharField(max_length=100)
    week = serializers.RegexField(r"^\d{4}-W\d{2}$")
    digital = serializers.IntegerField(min_value=0)
    total = serializers.IntegerField(min_value=0)


class AdoptionReportResponseSerializer(serializers.Serializer):
    stored = serializers.IntegerField()
