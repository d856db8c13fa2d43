"""Signals every app may send or receive (this package imports nothing of ours).

``person_erased`` is sent by `lms` inside the transaction that erases a person
(DESIGN §7.6), with keyword arguments ``user_id`` and ``pseudonym``. Every app
that keeps data about people removes or pseudonymises it in its receiver, in the
same transaction, so an erasure is all or nothing: `sandbox` deletes the person's
runs (their scores stay in the anonymous aggregates); `analytics` removes the
link between the person and their survey answers.
"""

from django.dispatch import Signal

person_erased = Signal()
