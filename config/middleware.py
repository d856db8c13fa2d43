"""The door for HTML forms and query strings: the one text check on every value.

API bodies in JSON pass the same check in the API's parser (config/api.py); here
the address, the query string and posted form fields do. A refused request is a
400 through the project's handler400: JSON under /api/, a German page elsewhere.
"""

from django.core.exceptions import BadRequest

from common.text import text_problem

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RefusedInput(BadRequest):
    """Input that may not be accepted; its message is a German sentence."""


class TextInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = text_problem(request.path) or _values_problem(request.GET)
        if not problem and request.content_type in FORM_TYPES:
            problem = _values_problem(request.POST)
        if problem:
            raise RefusedInput(problem)
        return self.get_response(request)


def _values_problem(values) -> str | None:
    for key, items in values.lists():
        for text in (key, *items):
            problem = text_problem(text)
            if problem:
                return problem
    return None
