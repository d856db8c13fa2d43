"""Helpers for the OpenAPI schema of every app's API."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse


def error_response(description: str) -> OpenApiResponse:
    """An error answer with its own examples in the schema; the one error shape
    (`detail`, `errors`) is filled in for every error by `config.api`."""
    return OpenApiResponse(OpenApiTypes.OBJECT, description=description)
