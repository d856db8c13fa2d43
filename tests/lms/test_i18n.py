"""German by default; the English catalogue is complete and compiled."""

import re
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext

PO = Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.po"


def po_entries():
    for block in PO.read_text(encoding="utf-8").split("\n\n")[1:]:
        msgid = re.search(r"^msgid ((?:\".*\"\n?)+)", block, re.M)
        if msgid:
            strings = re.findall(r"^msgstr(?:\[\d\])? ((?:\".*\"\n?)+)", block, re.M)
            yield (
                block,
                ["".join(re.findall(r'"((?:[^"\\]|\\.)*)"', s)) for s in strings],
            )


def test_every_english_entry_is_translated_and_not_fuzzy():
    untranslated = [b.splitlines()[-2] for b, strs in po_entries() if "" in strs]
    fuzzy = [b for b, _ in po_entries() if "#, fuzzy" in b]
    assert untranslated == [] and fuzzy == []


def test_compiled_catalogue_matches_the_source():
    with translation.override("en"):
        assert gettext("Meine Schulungen") == "My training"
        assert gettext("Durchlauf neu beginnen?") == "Start the run again?"
    with translation.override("de"):
        assert gettext("Meine Schulungen") == "Meine Schulungen"
