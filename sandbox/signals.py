"""Signals other apps listen to (sandbox must not import them).

``run_finished`` is sent after the commit of the transaction that finished a run,
with keyword arguments ``run_id, user_id, process_id, version, case_id, mode,
passed, score``. A preview run (of a version not live) sends nothing: it is no
learner result. ``runs_changed`` and ``packages_changed`` are sent by
`sandbox.receivers` on every save or delete (a version is retired by ``update()``
only together with the save of the version that replaces it).
"""

from django.dispatch import Signal

run_finished = Signal()

# Sent whenever a run is saved or deleted (``user_id``): what a person sees of
# their runs (the run list, a lesson's exercise card) changed.
runs_changed = Signal()

# Sent whenever a process package is saved or deleted: which processes and cases
# are live may have changed.
packages_changed = Signal()
