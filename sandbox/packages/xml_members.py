"""Parsing the XML members (process.bpmn, decisions.dmn) safely.

XML is parsed with entity resolution, DTD loading and network access off, and a
document with a DOCTYPE is rejected outright.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from lxml import etree

from .. import engine
from .findings import Findings, PackageInvalid


def local_name(element: etree._Element) -> str:
    """The tag without its namespace; ``""`` for comments and processing steps."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def parse_xml_member(name: str, content: bytes) -> etree._Element:
    if re.search(rb"<!DOCTYPE|<!ENTITY", content, re.IGNORECASE):
        raise PackageInvalid(
            [
                _(
                    "%(name)s enthält eine DOCTYPE- oder ENTITY-Deklaration; das "
                    "ist nicht erlaubt."
                )
                % {"name": name}
            ]
        )
    try:
        root = engine.parse_xml(content)
    except etree.XMLSyntaxError as exc:
        raise PackageInvalid(
            [
                _("%(name)s ist kein gültiges XML: %(reason)s")
                % {"name": name, "reason": exc.msg}
            ]
        ) from None
    if root.getroottree().docinfo.doctype:
        raise PackageInvalid(
            [
                _("%(name)s enthält eine DOCTYPE-Deklaration; das ist nicht erlaubt.")
                % {"name": name}
            ]
        )
    return root


def parse_documents(
    members: dict[str, bytes],
) -> tuple[etree._Element | None, etree._Element | None, Findings]:
    """The roots of process.bpmn and decisions.dmn (``None`` when missing or
    broken) and what was wrong with them."""
    findings: Findings = []
    roots: dict[str, etree._Element] = {}
    for name in ("process.bpmn", "decisions.dmn"):
        if name not in members:
            continue
        try:
            roots[name] = parse_xml_member(name, members[name])
        except PackageInvalid as exc:
            findings.extend(exc.errors)
    bpmn_root = roots.get("process.bpmn")
    if bpmn_root is not None and (
        local_name(bpmn_root) != "definitions"
        or etree.QName(bpmn_root).namespace != engine.BPMN_NS
    ):
        findings.append(_("process.bpmn ist keine BPMN-2.0-Datei."))
        bpmn_root = None
    return bpmn_root, roots.get("decisions.dmn"), findings
