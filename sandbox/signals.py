"""Signals other apps listen to (sandbox must not import them).

``run_finished`` is sent after the commit of the transaction that finished a run,
with keyword arguments ``run_id, user_id, process_id, version, case_id, mode,
passed, score``.
"""

from django.dispatch import Signal

run_finished = Signal()
