"""One check for all text a person sends, and one repair for text already stored.

Two kinds of characters break Lotse when they are stored: NUL, which PostgreSQL
refuses in text and JSON, and a lone surrogate (half of a UTF-16 pair, ``"\\ud800"``),
which JSON can carry but UTF-8 cannot encode, so every later page that shows it
fails. Both are refused at the door: the API's JSON parser, the middleware in front
of HTML forms and each file import call ``data_problem`` or ``text_problem``. The
same check bounds what a person may send: how deep, how long, how many and how
large a number. ``repaired`` makes text that was stored before these checks
readable again.
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import gettext as _

MAX_DEPTH = 20
MAX_TEXT_LENGTH = 10_000
MAX_ITEMS = 1_000
# The largest integer every database column and JSON reader takes exactly.
MAX_INTEGER = 2**53 - 1
REPLACEMENT = "\ufffd"


def text_problem(value: str, *, max_length: int | None = None) -> str | None:
    """Why this text may not be accepted (a German sentence), or ``None``."""
    if "\x00" in value:
        return _("Der Text enthält ein Nullzeichen; das ist nicht erlaubt.")
    if not _encodable(value):
        return _(
            "Der Text enthält ein ungültiges Unicode-Zeichen (ein einzelnes "
            "Surrogat); das ist nicht erlaubt."
        )
    if max_length is not None and len(value) > max_length:
        return _("Der Text ist länger als %(limit)d Zeichen.") % {"limit": max_length}
    return None


def data_problem(
    data: Any,
    *,
    max_depth: int = MAX_DEPTH,
    max_text_length: int = MAX_TEXT_LENGTH,
    max_items: int = MAX_ITEMS,
) -> tuple[str, str] | None:
    """The first problem in decoded JSON as (top-level key, German sentence).

    The key is the object's top-level key the problem sits under ("" for the whole
    body, or when that key itself is the problem), so it can name the field without
    echoing anything unsafe. ``None`` when everything is fine.
    """
    limits = (max_depth, max_text_length, max_items)
    if isinstance(data, dict):
        problem = _items_problem(data, limits)
        if problem:
            return "", problem
        for key, value in data.items():
            problem = _key_problem(key, max_text_length)
            if problem:
                return "", problem
            problem = _problem(value, 2, limits)
            if problem:
                return key, problem
        return None
    problem = _problem(data, 1, limits)
    return ("", problem) if problem else None


def _problem(value: Any, depth: int, limits: tuple[int, int, int]) -> str | None:
    max_depth, max_text_length, max_items = limits
    if isinstance(value, str):
        return text_problem(value, max_length=max_text_length)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        # JSON's 1e999 arrives as infinity; Python's int has no limit at all.
        too_large = (
            not math.isfinite(value)
            if isinstance(value, float)
            else abs(value) > MAX_INTEGER
        )
        if too_large:
            return _("Eine Zahl ist zu groß (höchstens %(limit)d).") % {
                "limit": MAX_INTEGER
            }
        return None
    if isinstance(value, dict | list):
        if depth > max_depth:
            return _("Die Daten sind tiefer als %(limit)d Ebenen verschachtelt.") % {
                "limit": max_depth
            }
        problem = _items_problem(value, limits)
        if problem:
            return problem
        if isinstance(value, dict):
            for key, item in value.items():
                problem = _key_problem(key, max_text_length) or _problem(
                    item, depth + 1, limits
                )
                if problem:
                    return problem
            return None
        for item in value:
            problem = _problem(item, depth + 1, limits)
            if problem:
                return problem
        return None
    return _("Der Wert hat einen unbekannten Typ.")


def _items_problem(value: dict | list, limits: tuple[int, int, int]) -> str | None:
    if len(value) > limits[2]:
        return _("Eine Liste oder ein Objekt hat mehr als %(limit)d Einträge.") % {
            "limit": limits[2]
        }
    return None


def _key_problem(key: Any, max_length: int) -> str | None:
    return text_problem(key, max_length=max_length) if isinstance(key, str) else None


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def repaired(data: Any) -> Any:
    """A copy of stored data whose text can be encoded and shown: NUL characters and
    lone surrogates become U+FFFD. Other values are returned as they are."""
    if isinstance(data, str):
        if "\x00" not in data and _encodable(data):
            return data
        return "".join(
            REPLACEMENT if char == "\x00" or "\ud800" <= char <= "\udfff" else char
            for char in data
        )
    if isinstance(data, dict):
        return {repaired(key): repaired(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [repaired(item) for item in data]
    return data
