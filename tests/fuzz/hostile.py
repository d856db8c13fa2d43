"""Hostile input, written by hand: what a fuzzer found once and must never break
Lotse again. Used by the API sweep, the page sweep and the focused tests."""

from __future__ import annotations

import json
from typing import Any

# Raw JSON bodies that Python's own encoder would refuse to write.
DEEP_ARRAY = b"[" * 50_000 + b"]" * 50_000
DEEP_OBJECT = b'{"a":' * 50_000 + b"1" + b"}" * 50_000
FIVE_THOUSAND_DIGITS = "1" * 5_000
MEGABYTE = "x" * 1_000_000

# Values that must be refused wherever a person sends them.
REFUSED_VALUES: dict[str, Any] = {
    "nul": "a\x00b",
    "only-nul": "\x00",
    "lone-surrogate": "\ud800",
    "low-surrogate-in-text": "Hund\udfffe",
    "huge-integer": 10**400,
    "huge-negative-integer": -(10**30),
    "megabyte-text": MEGABYTE,
    "long-list": ["1"] * 100_000,
    "deep-list": json.loads("[" * 40 + "]" * 40),
    "nul-key": {"a\x00": 1},
    "surrogate-key": {"\ud800": 1},
}

# Values of a wrong type or shape: refused or ignored, never a crash.
ODD_VALUES: dict[str, Any] = {
    "null": None,
    "true": True,
    "zero": 0,
    "negative": -1,
    "float": 1.5,
    "empty-text": "",
    "empty-list": [],
    "empty-object": {},
    "object": {"x": "y"},
    "list-of-objects": [{"x": 1}],
    "markup": '<div style="width:expression(1)">',
    "fts-syntax": 'NEAR(a b) OR title:"x" * ^',
    "sql": "'; DROP TABLE auth_user; --",
}

# Whole bodies that are not what any endpoint expects.
RAW_BODIES: dict[str, bytes] = {
    "deep-array": DEEP_ARRAY,
    "deep-object": DEEP_OBJECT,
    "five-thousand-digits": FIVE_THOUSAND_DIGITS.encode(),
    "five-thousand-digits-in-object": b'{"a": ' + FIVE_THOUSAND_DIGITS.encode() + b"}",
    "infinity-literal": b'{"a": 1e999}',
    "nan-constant": b'{"a": NaN}',
    "not-json": b"{'a': 1",
    "not-utf8": b'{"a": "\xff\xfe"}',
    "surrogate-escape": b'{"a": "\\ud800"}',
    "nul-escape": b'{"a": "\\u0000"}',
    "empty": b"",
    "list": b"[]",
    "text": b'"x"',
    "number": b"1",
    "null": b"null",
}

# Path parameters that are not ids of anything.
ODD_PATH_VALUES = [
    "not-a-uuid",
    "1" * 40,
    "-1",
    "%00",
    "%ED%A0%80",
    "x" * 300,
]


def leaves(data: Any, path: tuple = ()) -> list[tuple]:
    """Paths to every value inside a JSON-like body (objects and lists)."""
    if isinstance(data, dict) and data:
        return [p for key, value in data.items() for p in leaves(value, (*path, key))]
    if isinstance(data, list) and data:
        return [p for i, value in enumerate(data) for p in leaves(value, (*path, i))]
    return [path]


def replaced(data: Any, path: tuple, value: Any) -> Any:
    """A copy of `data` with the value at `path` replaced."""
    if not path:
        return value
    head, *rest = path
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = replaced(data[head], tuple(rest), value)
    return copy


def body_variants(body: dict, values: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every leaf of a good body replaced by every value in turn."""
    return [
        (f"{'.'.join(map(str, path))}={name}", replaced(body, path, value))
        for path in leaves(body)
        for name, value in values.items()
    ]
