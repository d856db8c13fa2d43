"""The readiness list's shape: the contract of issue 10 with the paging of all lists.

``{"formula_version": "1", "count", "next", "previous", "cells": [...]}`` — the
cells under ``cells`` (not ``results``) and the formula version once for the whole
answer; ``?page=``, ``?page_size=`` and their errors as every other list.
"""

from collections import OrderedDict

from rest_framework.response import Response

from analytics.formula import FORMULA_VERSION
from common.api_lists import Pagination


class ReadinessPagination(Pagination):
    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("formula_version", FORMULA_VERSION),
                    ("count", self.page.paginator.count),
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("cells", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema):
        paged = super().get_paginated_response_schema(schema)
        properties = paged["properties"]
        properties.pop("results")
        return {
            "type": "object",
            "required": ["formula_version", "count", "next", "previous", "cells"],
            "properties": {
                "formula_version": {
                    "type": "string",
                    "description": (
                        "Version der Formel, nach der die Bereitschaft berechnet ist"
                    ),
                    "example": FORMULA_VERSION,
                },
                **properties,
                "cells": schema,
            },
        }
