"""One style for every list of the API (/api/v1/).

- Pages by number: ``?page=`` (from 1) and ``?page_size=`` (1 to ``MAX_PAGE_SIZE``,
  default ``PAGE_SIZE``); the answer is ``{"count", "next", "previous", "results"}``.
- Filters are query parameters named in English like the field they filter
  (``process``, ``org_unit``); each list documents its own.
- ``?ordering=<field>`` or ``-<field>`` (descending), several separated by commas,
  from the list's allow-list (``ordering_fields`` on the view: public name → the
  model field, or the attribute path of the objects a selector returns, written
  with ``__``).

A wrong value of any of these is a 400 naming the parameter, never ignored and
never a 500. Lists that a standard shapes otherwise (xAPI statements with their
``more`` link) say so where they are defined.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 10**9


def _invalid(name: str, message: str) -> ValidationError:
    error = ValidationError({name: [message]})
    error.summary = _("Die Anfrage ist ungültig.")  # type: ignore[attr-defined]
    return error


def positive_int(request, name: str, *, default: int, maximum: int) -> int:
    """The query parameter ``name`` as a whole number from 1 to ``maximum``."""
    value = request.query_params.get(name)
    if value is None or value == "":
        return default
    plain = value.isascii() and value.isdigit() and len(value) <= 18
    if not plain or not 1 <= int(value) <= maximum:
        raise _invalid(
            name,
            _("Bitte eine ganze Zahl von 1 bis %(max)d angeben.") % {"max": maximum},
        )
    return int(value)


class Pagination(pagination.PageNumberPagination):
    """Pages by number; a page that does not exist or a wrong size is a 400."""

    page_size = PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = positive_int(
            request, "page_size", default=self.page_size, maximum=MAX_PAGE_SIZE
        )
        number = positive_int(request, "page", default=1, maximum=MAX_PAGE)
        paginator = Paginator(queryset, size)
        if number > paginator.num_pages:
            raise _invalid(
                "page",
                _("Diese Seite gibt es nicht; die letzte ist Seite %(last)d.")
                % {"last": paginator.num_pages},
            )
        self.page = paginator.page(number)
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("count", self.page.paginator.count),
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": "Anzahl aller Einträge",
                    "example": 123,
                },
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "Adresse der nächsten Seite oder null",
                    "example": "https://lotse.musterstadt.de/api/v1/…/?page=3",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "Adresse der vorigen Seite oder null",
                    "example": "https://lotse.musterstadt.de/api/v1/…/?page=1",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "Seite, ab 1",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": (
                    f"Einträge je Seite, 1 bis {MAX_PAGE_SIZE} (Vorgabe {PAGE_SIZE})"
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


def _value(item: Any, path: str) -> Any:
    for part in path.split("__"):
        item = item.get(part) if isinstance(item, dict) else getattr(item, part)
    return item


def _sort_key(value: Any) -> tuple:
    # Empty values last, as PostgreSQL sorts NULL in ascending order.
    if isinstance(value, str):
        value = value.casefold()
    return (value is None, value)


class AllowListOrdering(BaseFilterBackend):
    """``?ordering=`` from the view's ``ordering_fields``; anything else is a 400.
    Without it, the order the view's queryset or selector gives."""

    param = "ordering"

    def fields(self, view) -> dict[str, str]:
        return getattr(view, "ordering_fields", {})

    def requested(self, request, view) -> list[tuple[str, bool]]:
        text = request.query_params.get(self.param)
        if text is None or text == "":
            return []
        allowed = self.fields(view)
        terms = [term.strip() for term in text.split(",")]
        wanted = [(term.removeprefix("-"), term.startswith("-")) for term in terms]
        if not allowed or any(name not in allowed for name, _desc in wanted):
            choices = ", ".join(sorted(allowed)) or "–"
            raise _invalid(
                self.param,
                _("Sortieren geht nur nach: %(choices)s (absteigend mit „-“).")
                % {"choices": choices},
            )
        return wanted

    def filter_queryset(self, request, queryset, view):
        wanted = self.requested(request, view)
        if not wanted:
            return queryset
        allowed = self.fields(view)
        if isinstance(queryset, QuerySet):
            return queryset.order_by(
                *(("-" if desc else "") + allowed[name] for name, desc in wanted),
                "pk",
            )
        items = list(queryset)
        for name, desc in reversed(wanted):  # stable: the last key first
            items.sort(key=lambda i: _sort_key(_value(i, allowed[name])), reverse=desc)
        return items

    def get_schema_operation_parameters(self, view):
        allowed = sorted(self.fields(view))
        if not allowed:
            return []
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": (
                    "Sortierung: "
                    + ", ".join(allowed)
                    + "; absteigend mit „-“ davor, mehrere durch Komma getrennt"
                ),
                "schema": {"type": "string", "example": f"-{allowed[0]}"},
            }
        ]
