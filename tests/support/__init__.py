"""Helpers shared by the tests: builders, factories, the role table, service gates.

Plain functions and classes only; fixtures live in the `conftest.py` of the
directory that uses them (or `tests/conftest.py` when several directories do).
"""
