"""Signals other apps listen to (sandbox must not import them).

``run_finished`` is sent after the commit of the transaction that finished a run,
with keyword arguments ``run_id, user_id, process_id, version, case_id, mode,
passed, score``. A preview run (of a version not live) sends nothing: it is no
learner result.
"""

from django.dispatch import Signal

run_finished = Signal()
