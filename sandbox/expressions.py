"""The safe expression subset for conditions, scripts and decision cells.

An uploaded process package is code: SpiffWorkflow evaluates gateway conditions,
script tasks and DMN cells with Python. Every expression is therefore parsed with
``ast`` and checked against a whitelist, once at import (so the trainer gets a clear
message) and again right before each evaluation (so a package stored before a
rule change cannot run anything else). Evaluation happens with empty builtins.

Allowed: literals, names of process data (not starting with ``_``), ``x["key"]`` with a
literal string key, comparisons, ``and``/``or``/``not``, ``+ - * / // %``, unary
minus, ``a if c else b`` and ``in`` / ``not in`` against a literal list, tuple or set.
Attribute access, calls, lambdas, comprehensions and ``**`` are not allowed.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

MAX_EXPRESSION_LENGTH = 500
MAX_INT_LITERAL = 10**9
MAX_STR_LITERAL = 200


class UnsafeExpression(ValueError):
    """An expression outside the safe subset; ``args[0]`` says why."""


_BOOL_OPS = (ast.And, ast.Or)
_UNARY_OPS = (ast.Not, ast.USub, ast.UAdd)
_BIN_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod)
_CMP_OPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn)
_CONSTANT_TYPES = (str, int, float, bool, type(None))


def _check_constant(node: ast.Constant) -> None:
    value = node.value
    if not isinstance(value, _CONSTANT_TYPES):
        raise UnsafeExpression(
            _("Der Wert %(value)s ist nicht erlaubt.") % {"value": repr(value)}
        )
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > MAX_INT_LITERAL:
            raise UnsafeExpression(_("Die Zahl ist zu groß."))
    if isinstance(value, str) and len(value) > MAX_STR_LITERAL:
        raise UnsafeExpression(_("Der Text ist zu lang."))


def _check_literal_collection(node: ast.AST) -> None:
    if not isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        raise UnsafeExpression(
            _("Nach „in“ ist nur eine feste Liste erlaubt, z. B. in ['a', 'b'].")
        )
    for element in node.elts:
        if not isinstance(element, ast.Constant):
            raise UnsafeExpression(
                _("Eine Liste nach „in“ darf nur feste Werte enthalten.")
            )
        _check_constant(element)


def _check(node: ast.AST) -> None:  # noqa: C901 - one branch per node type
    if isinstance(node, ast.Expression):
        _check(node.body)
    elif isinstance(node, ast.Constant):
        _check_constant(node)
    elif isinstance(node, ast.Name):
        if node.id.startswith("_"):
            raise UnsafeExpression(
                _(
                    "Der Name „%(name)s“ ist nicht erlaubt (Namen dürfen nicht mit _ "
                    "beginnen)."
                )
                % {"name": node.id}
            )
        if not isinstance(node.ctx, ast.Load):
            raise UnsafeExpression(_("Zuweisungen sind in Ausdrücken nicht erlaubt."))
    elif isinstance(node, ast.BoolOp):
        if not isinstance(node.op, _BOOL_OPS):
            raise UnsafeExpression(_("Dieser logische Operator ist nicht erlaubt."))
        for value in node.values:
            _check(value)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, _UNARY_OPS):
            raise UnsafeExpression(_("Dieser Operator ist nicht erlaubt."))
        _check(node.operand)
    elif isinstance(node, ast.BinOp):
        if not isinstance(node.op, _BIN_OPS):
            raise UnsafeExpression(
                _("Dieser Rechenoperator ist nicht erlaubt (erlaubt: + - * / // %).")
            )
        if isinstance(node.op, ast.Mult):
            for side in (node.left, node.right):
                if isinstance(side, ast.Constant) and isinstance(side.value, str):
                    raise UnsafeExpression(_("Texte dürfen nicht vervielfacht werden."))
                if isinstance(side, (ast.List, ast.Tuple, ast.Set)):
                    raise UnsafeExpression(
                        _("Listen dürfen nicht vervielfacht werden.")
                    )
        _check(node.left)
        _check(node.right)
    elif isinstance(node, ast.Compare):
        _check(node.left)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            if not isinstance(op, _CMP_OPS):
                raise UnsafeExpression(
                    _(
                        "Dieser Vergleich ist nicht erlaubt "
                        "(erlaubt: == != < <= > >= in)."
                    )
                )
            if isinstance(op, (ast.In, ast.NotIn)):
                _check_literal_collection(comparator)
            else:
                _check(comparator)
    elif isinstance(node, ast.IfExp):
        _check(node.test)
        _check(node.body)
        _check(node.orelse)
    elif isinstance(node, ast.Subscript):
        key = node.slice
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            raise UnsafeExpression(
                _(
                    "Auf Daten darf nur mit festem Schlüssel zugegriffen werden, "
                    "z. B. antrag['rasse']."
                )
            )
        if key.value.startswith("_"):
            raise UnsafeExpression(_("Schlüssel dürfen nicht mit _ beginnen."))
        _check(node.value)
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        for element in node.elts:
            if not isinstance(element, ast.Constant):
                raise UnsafeExpression(_("Listen dürfen nur feste Werte enthalten."))
            _check_constant(element)
    elif isinstance(node, ast.Attribute):
        raise UnsafeExpression(
            _(
                "Der Zugriff auf „.%(attribute)s“ ist nicht erlaubt (verwenden Sie "
                "antrag['feld'])."
            )
            % {"attribute": node.attr}
        )
    elif isinstance(node, ast.Call):
        raise UnsafeExpression(_("Funktionsaufrufe sind nicht erlaubt."))
    else:
        raise UnsafeExpression(
            _("Der Ausdrucksteil „%(part)s“ ist nicht erlaubt.")
            % {"part": type(node).__name__}
        )


@lru_cache(maxsize=4096)
def compile_expression(source: str) -> Any:
    """Check ``source`` against the whitelist and return compiled code.

    Raises ``UnsafeExpression`` saying why.
    """
    if not isinstance(source, str):
        raise UnsafeExpression(_("Der Ausdruck ist kein Text."))
    text = source.strip()
    if not text:
        raise UnsafeExpression(_("Der Ausdruck ist leer."))
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise UnsafeExpression(_("Der Ausdruck ist zu lang."))
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise UnsafeExpression(
            _("Der Ausdruck ist fehlerhaft: %(reason)s.") % {"reason": exc.msg}
        ) from None
    _check(tree)
    return compile(tree, "<ausdruck>", "eval")


def check_expression(source: str) -> None:
    """Raise ``UnsafeExpression`` unless ``source`` is in the safe subset."""
    compile_expression(source)


def evaluate(source: str, names: dict[str, Any]) -> Any:
    """Evaluate a safe expression against process data, with no builtins at all."""
    code = compile_expression(source)
    scope = {
        k: v for k, v in names.items() if isinstance(k, str) and not k.startswith("_")
    }
    return eval(code, {"__builtins__": {}}, scope)  # noqa: S307 - whitelisted above


def parse_script(source: str) -> list[tuple[str, str]]:
    """Split a script into ``name = expression`` assignments, each one safe.

    Scripts may only assign safe expressions to plain names; everything else
    (imports, loops, calls, attribute assignment) raises ``UnsafeExpression``.
    """
    if not isinstance(source, str) or not source.strip():
        raise UnsafeExpression(_("Das Skript ist leer."))
    if len(source) > 20 * MAX_EXPRESSION_LENGTH:
        raise UnsafeExpression(_("Das Skript ist zu lang."))
    try:
        module = ast.parse(source, mode="exec")
    except SyntaxError as exc:
        raise UnsafeExpression(
            _("Das Skript ist fehlerhaft: %(reason)s.") % {"reason": exc.msg}
        ) from None
    assignments = []
    for statement in module.body:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            raise UnsafeExpression(
                _(
                    "Skripte dürfen nur Zuweisungen der Form „name = Ausdruck“ enthalten."
                )
            )
        name = statement.targets[0].id
        if name.startswith("_"):
            raise UnsafeExpression(
                _("Der Name „%(name)s“ darf nicht mit _ beginnen.") % {"name": name}
            )
        expression = ast.get_source_segment(source, statement.value) or ""
        check_expression(expression)
        assignments.append((name, expression))
    return assignments


def run_script(source: str, names: dict[str, Any]) -> None:
    """Run a safe script: evaluate each assignment and store it in ``names``."""
    for name, expression in parse_script(source):
        names[name] = evaluate(expression, names)
