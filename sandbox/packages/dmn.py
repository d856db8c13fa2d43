"""Checks of decisions.dmn: one table per decision, safe cells, named outputs."""

from __future__ import annotations

import ast
import re

from django.utils.translation import gettext as _
from lxml import etree

from .. import expressions
from .findings import Findings
from .xml_members import local_name

DMN_NAMESPACES = (
    "http://www.omg.org/spec/DMN/20151101/dmn.xsd",
    "http://www.omg.org/spec/DMN/20180521/MODEL/",
    "https://www.omg.org/spec/DMN/20191111/MODEL/",
)
IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
# A ``?`` outside quotes stands for the input value in a DMN cell.
INPUT_MARK = re.compile(r"(\?)(?=(?:[^'\"]|['\"][^'\"]*['\"])*$)")


def check_decisions(root: etree._Element) -> tuple[dict[str, set[str]], Findings]:
    """Check every DMN cell; return the output names per decision id."""
    namespace = etree.QName(root).namespace
    if local_name(root) != "definitions" or namespace not in DMN_NAMESPACES:
        return {}, [_("decisions.dmn ist keine DMN-Datei (DMN 1.1, 1.2 oder 1.3).")]
    ns = {"dmn": namespace}
    outputs: dict[str, set[str]] = {}
    findings: Findings = []
    for decision in root.iterfind("dmn:decision", ns):
        decision_id = decision.get("id") or "?"
        label = decision.get("name") or decision_id
        tables = decision.findall("dmn:decisionTable", ns)
        if len(tables) != 1:
            findings.append(
                _("Die Entscheidung „%(decision)s“ braucht genau eine Tabelle.")
                % {"decision": label}
            )
            continue
        names, table_findings = _check_table(tables[0], label, ns)
        outputs[decision_id] = names
        findings += table_findings
    return outputs, findings


def _check_table(
    table: etree._Element, label: str, ns: dict
) -> tuple[set[str], Findings]:
    findings: Findings = []
    policy = table.get("hitPolicy", "UNIQUE")
    if policy not in ("UNIQUE", "COLLECT"):
        findings.append(
            _(
                "Die Tabelle „%(table)s“ nutzt die Trefferregel %(policy)s; erlaubt "
                "sind UNIQUE und COLLECT."
            )
            % {"table": label, "policy": policy}
        )
    input_label = _("Eingabe")
    for expression in table.iterfind("dmn:input/dmn:inputExpression/dmn:text", ns):
        findings += check_cell(expression.text, label, input_label, partial=False)
    names: set[str] = set()
    for output in table.iterfind("dmn:output", ns):
        name = output.get("name") or ""
        if not IDENTIFIER.match(name):
            findings.append(
                _(
                    "Die Ausgabe „%(output)s“ der Tabelle „%(table)s“ braucht einen "
                    "Namen aus Buchstaben, Ziffern und _."
                )
                % {"output": name, "table": label}
            )
        names.add(name)
    for number, rule in enumerate(table.iterfind("dmn:rule", ns), start=1):
        where = _("Regel %(number)s") % {"number": number}
        for cell in rule.iterfind("dmn:inputEntry/dmn:text", ns):
            findings += check_cell(cell.text, label, where, partial=True)
        for cell in rule.iterfind("dmn:outputEntry/dmn:text", ns):
            findings += check_cell(cell.text, label, where, partial=False)
    return names, findings


def check_cell(text: str | None, table: str, where: str, *, partial: bool) -> Findings:
    """A cell must be a safe expression; an input entry may be partial
    (``> 3``, ``"a", "b"``), as the engine completes it with the input value."""
    cell = (text or "").strip()
    if not cell or (partial and cell == "-"):
        return []
    if partial:
        # The engine compares ``input == cell`` or evaluates ``input <cell>``.
        cell = INPUT_MARK.sub("dmninputexpr", cell)
        try:
            ast.parse(cell, mode="eval")
        except SyntaxError:
            cell = f"dmninputexpr {cell}"
    try:
        expressions.check_expression(cell)
    except expressions.UnsafeExpression as exc:
        return [
            _(
                "Die Zelle „%(cell)s“ (%(where)s) der Tabelle „%(table)s“ ist nicht "
                "erlaubt: %(reason)s"
            )
            % {"cell": text, "where": where, "table": table, "reason": exc}
        ]
    return []


def check_decision_refs(
    decision_refs: dict[str, str],
    outputs: dict[str, set[str]],
    labels: dict[str, str],
) -> Findings:
    """Every business-rule task names a decision that decisions.dmn has;
    ``labels``: task id → „name“ (id)."""
    return [
        _(
            "Die Aufgabe %(task)s ruft die Entscheidungstabelle „%(decision)s“ "
            "auf, die in decisions.dmn fehlt. Bitte ergänzen Sie sie dort oder "
            "korrigieren Sie die ID."
        )
        % {
            "decision": decision_id,
            "task": labels.get(node_id, f"„{node_id}“"),
        }
        for node_id, decision_id in decision_refs.items()
        if decision_id not in outputs
    ]
