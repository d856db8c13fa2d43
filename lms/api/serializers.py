from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lms.models import OrgUnit


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("Benutzername"))
    password = serializers.CharField(
        label=_("Passwort"), style={"input_type": "password"}, trim_whitespace=False
    )

    def validate(self, attrs):
        user = authenticate(
            request=self.context["request"],
            username=attrs["username"],
            password=attrs["password"],
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                _("Benutzername oder Passwort ist falsch."), code="authorization"
            )
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    members = serializers.IntegerField(source="members_count", read_only=True)

    class Meta:
        model = OrgUnit
        fields = ["code", "name", "parent", "members"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()
    org_unit = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
