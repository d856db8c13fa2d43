import math

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate, get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework import exceptions, serializers

from lms.forms import PASSWORD_MAX_LENGTH, directory_problem
from lms.models import OrgUnit

User = get_user_model()


class AccountLocked(exceptions.APIException):
    """Too many failed logins for this account from this address (django-axes)."""

    status_code = 429
    default_code = "account_locked"

    def __init__(self, cool_off):
        minutes = math.ceil(cool_off.total_seconds() / 60)
        detail = ngettext(
            "Das Konto ist nach zu vielen Fehlversuchen für %(minutes)d Minute "
            "gesperrt. Versuchen Sie es danach erneut oder setzen Sie Ihr Passwort "
            "zurück.",
            "Das Konto ist nach zu vielen Fehlversuchen für %(minutes)d Minuten "
            "gesperrt. Versuchen Sie es danach erneut oder setzen Sie Ihr Passwort "
            "zurück.",
            minutes,
        ) % {"minutes": minutes}
        super().__init__(detail)
        self.wait = int(cool_off.total_seconds())  # sent as Retry-After


class TokenRequestSerializer(serializers.Serializer):
    # No longer than any username can be: a longer one cannot match an account,
    # and the lockout's log would refuse to store it.
    username = serializers.CharField(
        label=_("Benutzername"),
        help_text="Benutzername des Kontos",
        max_length=User._meta.get_field(User.USERNAME_FIELD).max_length,
    )
    password = serializers.CharField(
        label=_("Passwort"),
        help_text="Passwort des Kontos",
        style={"input_type": "password"},
        trim_whitespace=False,
        max_length=PASSWORD_MAX_LENGTH,
    )

    def validate(self, attrs):
        request = self.context["request"]
        user = authenticate(
            request=request, username=attrs["username"], password=attrs["password"]
        )
        # django-axes flags the request once the account is locked for this address,
        # by this failure or earlier ones; then even the right password is refused.
        if getattr(request, "axes_locked_out", False):
            raise AccountLocked(get_cool_off(request))
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                directory_problem(request)
                or _("Benutzername oder Passwort ist falsch."),
                code="authorization",
            )
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Das API-Token des Kontos")


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="Kürzel der übergeordneten Einheit, null für die oberste",
    )
    members = serializers.IntegerField(
        source="members_count",
        read_only=True,
        help_text="Zahl der Beschäftigten in dieser Einheit",
    )

    class Meta:
        model = OrgUnit
        fields = ["code", "name", "parent", "members"]
        extra_kwargs = {
            "code": {"help_text": "Kürzel der Einheit"},
            "name": {"help_text": "Name der Einheit"},
        }


class MeSerializer(serializers.Serializer):
    username = serializers.CharField(help_text="Benutzername")
    name = serializers.CharField(help_text="Vor- und Nachname")
    org_unit = serializers.CharField(
        allow_null=True, help_text="Kürzel der eigenen Organisationseinheit"
    )
    roles = serializers.ListField(
        child=serializers.CharField(), help_text="Rollen des Kontos"
    )
