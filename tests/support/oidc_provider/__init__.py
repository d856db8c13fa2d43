"""A minimal second Django project: a real OpenID Connect provider for the tests.

It runs django-oidc-provider in its own process, with its own SQLite database, on
a free port (see `tests/support/oidc.py`, which starts it, and `serve.py`).
"""
