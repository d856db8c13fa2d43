"""Reading and writing the API's JSON: DRF's parser and renderer with the limits of
the one text check (common/text.py). The defaults of every API view (settings).

Kept apart from config/api.py: DRF imports its default parser and renderer while
`rest_framework.views` is still loading, and config/api.py needs that module.
"""

import json

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, renderers

from common.text import data_problem, repaired


class InvalidBody(exceptions.ValidationError):
    """JSON that may not be accepted: a 400 naming the top-level field it is in
    (like a serializer's field error), or ``non_field_errors`` for the whole body."""

    def __init__(self, field: str, message: str):
        super().__init__({field or "non_field_errors": [message]})


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with limits: every body passes the one text check.

    Python's decoder gives up past about 1,000 levels with a RecursionError, and
    `data_problem` then allows far fewer; NUL characters, lone surrogates, overlong
    texts, long lists and huge numbers are refused before any view sees them.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = parsers.get_encoding(parser_context or {})  # text codecs only
        try:
            data = json.loads(
                stream.read().decode(encoding), parse_constant=_no_constant
            )
        except RecursionError:
            raise exceptions.ParseError(
                _("Die Daten sind zu tief verschachtelt.")
            ) from None
        except json.JSONDecodeError as exc:
            raise exceptions.ParseError(
                _(
                    "Der Inhalt ist kein gültiges JSON (Zeile %(line)d, Spalte %(column)d)."
                )
                % {"line": exc.lineno, "column": exc.colno}
            ) from None
        except UnicodeDecodeError:
            raise exceptions.ParseError(
                _("Der Inhalt ist nicht UTF-8-kodiert.")
            ) from None
        except ValueError:  # a number with thousands of digits, NaN, Infinity
            raise exceptions.ParseError(
                _("Der Inhalt enthält eine Zahl, die nicht gelesen werden kann.")
            ) from None
        problem = data_problem(data)
        if problem:
            raise InvalidBody(*problem)
        return data


def _no_constant(name: str):
    raise ValueError(name)


class JSONRenderer(renderers.JSONRenderer):
    """DRF's renderer that still answers when stored text cannot be encoded.

    Text stored before the door checks existed may hold a lone surrogate; such a
    response is rendered again with that text repaired instead of failing.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            return super().render(repaired(data), accepted_media_type, renderer_context)
