"""What every package check returns: findings, each a sentence for the trainer."""

from __future__ import annotations

Findings = list[str]


class PackageInvalid(Exception):
    """A package that cannot be imported; ``errors`` lists every finding."""

    def __init__(self, errors: Findings):
        super().__init__("; ".join(errors))
        self.errors = list(errors)
