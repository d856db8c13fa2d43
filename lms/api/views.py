from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

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
    """Exchange username and password for an API token."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [TokenAddressThrottle, TokenUsernameThrottle]

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
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

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        profile = staff_profile_of(request.user)
        data = {
            "username": request.user.username,
            "name": request.user.get_full_name(),
            "org_unit": profile.org_unit.code if profile else None,
            "roles": [r for r in roles.ROLES if r in user_roles(request.user)],
        }
        return Response(MeSerializer(data).data)


class OrgUnitListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated, IsTrainingAdminOrAdmin]
    serializer_class = OrgUnitSerializer
    pagination_class = None  # an org tree is small; clients want it whole

    def get_queryset(self):
        return org_units_with_member_counts().order_by("code")
