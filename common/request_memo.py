"""What one request has already read from the shared cache, forgotten when it ends.

Several parts of a page ask for the same cache entry (a generation, an outline, a
route); each ask would be a round trip to Redis. `memo(name)` gives the request a
dict per name to keep those answers in. It exists only between `request_started`
and `request_finished`; outside a request (a Celery task, a management command,
a test without the client) it is `None`, so a long-running process never keeps a
stale answer.
"""

from __future__ import annotations

import threading

from django.core.signals import request_finished, request_started

_request = threading.local()


def begin(**kwargs) -> None:
    _request.memos = {}


def end(**kwargs) -> None:
    _request.memos = None


def memo(name: str) -> dict | None:
    """This request's memo called `name`, or None outside a request."""
    memos = getattr(_request, "memos", None)
    if memos is None:
        return None
    return memos.setdefault(name, {})


def connect() -> None:
    """Called from every app that uses a memo; connecting twice is harmless."""
    request_started.connect(begin, dispatch_uid="common-request-memo")
    request_finished.connect(end, dispatch_uid="common-request-memo")
