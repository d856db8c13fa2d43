"""Small-group suppression: no figure about fewer than 5 people, shown or derivable.

Pure functions over a unit tree (no database), so every rule is tested on
hand-built trees.

1. Primary: a group of 1–4 people shows "< 5" and no figure.
2. Complementary: a parent's figure covers its own members plus its children's
   subtrees. Whoever sees the parent and the shown children can subtract, so the
   *residual* (parent minus shown children) must be 0 or at least 5 people, and it
   must never be exactly one suppressed child (its figure would be derived, even
   if that child was suppressed only to protect another group). The parent's own
   members are a hidden group of their own. While a parent breaks the rule, the
   smallest other shown child is suppressed too; with no child left to suppress,
   the parent's figure is withheld. A totals row is the parent of the units it
   sums (a virtual root) and follows the same rule.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

MIN_GROUP = 5


def primary_suppressed(
    n_of: Mapping[Hashable, int], *, min_group: int = MIN_GROUP
) -> set:
    """Groups of 1 to min_group − 1 people."""
    return {key for key, n in n_of.items() if 0 < n < min_group}


def complementary_suppressed(
    children_of: Mapping[Hashable, Sequence[Hashable]],
    n_of: Mapping[Hashable, int],
    *,
    suppressed: set | None = None,
    min_group: int = MIN_GROUP,
) -> set:
    """Every suppressed group: the primary ones, ``suppressed`` given by an earlier
    pass, and as many more as needed so that no parent minus its shown children
    leaves a residual of 1 to min_group − 1 people.

    ``children_of`` maps each parent (a virtual root for a totals row) to its
    children; ``n_of`` gives the people of every parent and child (a parent's
    count includes its children's)."""
    hidden = set(suppressed or ()) | primary_suppressed(n_of, min_group=min_group)
    changed = True
    while changed:
        changed = False
        for parent, children in children_of.items():
            if parent in hidden or n_of.get(parent, 0) == 0:
                continue
            populated = [c for c in children if n_of.get(c, 0) > 0]
            shown = [c for c in populated if c not in hidden]
            hidden_children = [c for c in populated if c in hidden]
            residual = n_of.get(parent, 0) - sum(n_of.get(c, 0) for c in shown)
            own = residual - sum(n_of.get(c, 0) for c in hidden_children)
            pieces = len(hidden_children) + (1 if own > 0 else 0)
            too_small = 0 < residual < min_group
            alone = len(hidden_children) == 1 and pieces == 1
            if too_small or alone:
                if shown:
                    smallest = min(shown, key=lambda c: (n_of.get(c, 0), str(c)))
                    hidden.add(smallest)
                else:
                    hidden.add(parent)
                changed = True
    return hidden
