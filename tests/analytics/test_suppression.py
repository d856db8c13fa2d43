"""Small-group suppression, primary and complementary, on hand-built trees."""

from analytics.suppression import complementary_suppressed, primary_suppressed


def test_four_people_are_suppressed_five_are_shown():
    assert primary_suppressed({"a": 4, "b": 5, "c": 0}) == {"a"}


def test_parent_minus_shown_children_would_reveal_the_only_suppressed_child():
    # Amt (no own members) = Team A 3 + Team B 10 + Team C 6. Shown: Amt 19, B 10, C 6
    # → A = 19 − 16 = 3 could be derived. The smallest other child (C) goes too.
    children = {"amt": ["a", "b", "c"]}
    n = {"amt": 19, "a": 3, "b": 10, "c": 6}
    assert complementary_suppressed(children, n) == {"a", "c"}


def test_parent_is_withheld_when_no_other_child_can_be_suppressed():
    children = {"amt": ["a"]}
    n = {"amt": 8, "a": 3}  # 5 own members + 3 in A: residual 8 ≥ 5 is allowed
    assert complementary_suppressed(children, n) == {"a"}
    n = {"amt": 3, "a": 3}
    assert complementary_suppressed(children, n) == {"a", "amt"}
    # A suppressed (by an earlier pass) only child of a parent without own members:
    # the parent's figure is the child's, so the parent is withheld.
    n = {"amt": 6, "a": 6}
    assert complementary_suppressed(children, n, suppressed={"a"}) == {"a", "amt"}
    children = {"amt": ["a"]}
    n = {"amt": 6, "a": 5}  # 1 own member: parent − A reveals that one person
    assert complementary_suppressed(children, n) == {"a"}


def test_own_members_of_a_parent_count_as_a_hidden_group():
    # Amt has 2 own members and two shown teams: Amt − teams = those 2 people.
    children = {"amt": ["a", "b"]}
    n = {"amt": 14, "a": 5, "b": 7}
    assert complementary_suppressed(children, n) == {"a"}


def test_totals_row_is_a_parent_of_the_units_it_sums():
    # Total over three departments, one of them suppressed (4): the total minus the
    # two shown would reveal it.
    children = {None: ["x", "y", "z"]}
    n = {None: 4 + 12 + 20, "x": 4, "y": 12, "z": 20}
    assert complementary_suppressed(children, n) == {"x", "y"}


def test_suppression_propagates_up_the_tree():
    # Amt = A (5 shown) + B (4, suppressed): A is the smallest other child, so A
    # goes; one level up, Dezernat = Amt + C: both shown, residual 0, fine.
    children = {"dez": ["amt", "c"], "amt": ["a", "b"]}
    n = {"dez": 9 + 8, "amt": 9, "a": 5, "b": 4, "c": 8}
    assert complementary_suppressed(children, n) == {"a", "b"}


def test_earlier_suppression_is_kept_and_extended():
    children = {None: ["a", "b"]}
    n = {None: 20, "a": 10, "b": 10}
    assert complementary_suppressed(children, n, suppressed={"a"}) == {"a", "b"}
