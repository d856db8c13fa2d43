"""Walking a lesson body in its stored (raw) form, guided by the block definitions.

One walk serves export and import: it finds every image, document and video a body
uses, rewrites their ids for the receiving installation, rewrites links between
lessons, cleans rich text, and reports block types the installation does not know.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtailmedia.blocks import AbstractMediaChooserBlock

# Kinds of referenced objects, as the package names them.
IMAGE = "image"
DOCUMENT = "document"
VIDEO = "video"


@dataclass
class Visitor:
    """What to do with each reference and each rich text; collects problems."""

    reference: Callable[[str, Any, str], Any] = lambda kind, value, where: value
    rich_text: Callable[[str, str], str] = lambda html, where: html
    problems: list[str] = field(default_factory=list)


def _chooser_kind(block: blocks.Block) -> str | None:
    if isinstance(block, ImageChooserBlock):
        return IMAGE
    if isinstance(block, DocumentChooserBlock):
        return DOCUMENT
    if isinstance(block, AbstractMediaChooserBlock):
        return VIDEO
    return None


def walk(block: blocks.Block, raw: Any, visitor: Visitor, where: str) -> Any:
    """Return ``raw`` with references and rich text passed through ``visitor``."""
    kind = _chooser_kind(block)
    if kind is not None:
        if raw in (None, ""):
            return raw
        return visitor.reference(kind, raw, where)
    if isinstance(block, blocks.RichTextBlock):
        if not isinstance(raw, str):
            visitor.problems.append(
                _("%(where)s: Der Text hat kein gültiges Format.") % {"where": where}
            )
            return ""
        return visitor.rich_text(raw, where)
    if isinstance(block, blocks.StreamBlock):
        return _walk_stream(block, raw, visitor, where)
    if isinstance(block, blocks.ListBlock):
        return _walk_list(block, raw, visitor, where)
    if isinstance(block, blocks.StructBlock):
        return _walk_struct(block, raw, visitor, where)
    return raw


def _walk_stream(block: blocks.StreamBlock, raw: Any, visitor: Visitor, where: str):
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        visitor.problems.append(
            _("%(where)s: Der Inhalt hat kein gültiges Format.") % {"where": where}
        )
        return []
    result = []
    for position, item in enumerate(raw, start=1):
        here = _("%(where)s, Block %(number)d") % {"where": where, "number": position}
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            visitor.problems.append(
                _("%(where)s: Der Block hat kein gültiges Format.") % {"where": here}
            )
            continue
        child = block.child_blocks.get(item["type"])
        if child is None:
            visitor.problems.append(
                _("%(where)s: Unbekannter Blocktyp „%(type)s“.")
                % {"where": here, "type": item["type"][:50]}
            )
            continue
        result.append({**item, "value": walk(child, item.get("value"), visitor, here)})
    return result


def _walk_list(block: blocks.ListBlock, raw: Any, visitor: Visitor, where: str):
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        visitor.problems.append(
            _("%(where)s: Die Liste hat kein gültiges Format.") % {"where": where}
        )
        return []
    result = []
    for item in raw:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            value = walk(block.child_block, item["value"], visitor, where)
            result.append({**item, "value": value})
        else:
            result.append(walk(block.child_block, item, visitor, where))
    return result


def _walk_struct(block: blocks.StructBlock, raw: Any, visitor: Visitor, where: str):
    if raw in (None, ""):
        return {}
    if not isinstance(raw, dict):
        visitor.problems.append(
            _("%(where)s: Der Block hat kein gültiges Format.") % {"where": where}
        )
        return {}
    unknown = sorted(set(raw) - set(block.child_blocks))
    for name in unknown:
        visitor.problems.append(
            _("%(where)s: Unbekanntes Feld „%(name)s“.")
            % {"where": where, "name": str(name)[:50]}
        )
    return {
        name: walk(child, raw[name], visitor, where)
        for name, child in block.child_blocks.items()
        if name in raw
    }
