from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api_schema import error_response
from lms import roles
from lms.api.permissions import IsTrainingAdminOrAdmin
from lms.api.serializers import (
    MeSerializer,
    OrgUnitSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)
from lms.api.throttles import TokenAddressThrottle, TokenUsernameThrottle
from lms.selectors.org import (
    org_units_with_member_counts,
    staff_profile_of,
    user_roles,
)


class TokenView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [TokenAddressThrottle, TokenUsernameThrottle]

    @extend_schema(
        summary="Token anfordern",
        description=(
            "Tauscht Benutzername und Passwort gegen ein API-Token (immer dasselbe "
            "für ein Konto). Das Token wird im Kopf `Authorization: Token <token>` "
            "gesendet. Zu viele Versuche von einer Adresse oder für ein Konto werden "
            "gebremst (429)."
        ),
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: error_response("Benutzername oder Passwort ist falsch"),
        },
        examples=[
            OpenApiExample(
                "Anmeldung",
                value={"username": "erika.mustermann", "password": "geheim"},
                request_only=True,
            ),
            OpenApiExample(
                "Token",
                value={"token": "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"},
                response_only=True,
            ),
            OpenApiExample(
                "Falsches Passwort",
                value={
                    "detail": "Benutzername oder Passwort ist falsch.",
                    "errors": {
                        "non_field_errors": ["Benutzername oder Passwort ist falsch."]
                    },
                },
                response_only=True,
                status_codes=["400"],
            ),
        ],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(
            user=serializer.validated_data["user"]
        )
        return Response({"token": token.key}, status=status.HTTP_200_OK)


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Mein Konto",
        description="Benutzername, Name, Organisationseinheit und Rollen des Kontos.",
        responses=MeSerializer,
        examples=[
            OpenApiExample(
                "Beschäftigte",
                value={
                    "username": "erika.mustermann",
                    "name": "Erika Mustermann",
                    "org_unit": "32",
                    "roles": ["employee"],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        profile = staff_profile_of(request.user)
        data = {
            "username": request.user.username,
            "name": request.user.get_full_name(),
            "org_unit": profile.org_unit.code if profile else None,
            "roles": [r for r in roles.ROLES if r in user_roles(request.user)],
        }
        return Response(MeSerializer(data).data)


@extend_schema(
    summary="Organisationseinheiten",
    description=(
        "Alle Organisationseinheiten mit übergeordneter Einheit und Zahl der "
        "Beschäftigten, nach Kürzel. Für Personalentwicklung und Administration."
    ),
    examples=[
        OpenApiExample(
            "Ordnungsamt",
            value={"code": "32", "name": "Ordnungsamt", "parent": "3", "members": 24},
            response_only=True,
        )
    ],
)
class OrgUnitListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated, IsTrainingAdminOrAdmin]
    serializer_class = OrgUnitSerializer
    ordering_fields = {"code": "code", "name": "name", "members": "members_count"}

    def get_queryset(self):
        return org_units_with_member_counts().order_by("code")
