"""Every write of the sandbox app, in named modules: ``packages`` (import, review),
``runs`` (the life of a run) and ``retention`` (expiry and erasure).

The functions below are the sandbox's write API for views, tasks, commands and
other apps; they are imported here so that callers say ``services.run_start``.
"""

from .packages import package_approve, package_import, package_reject
from .retention import runs_delete_expired, runs_erase_for_user
from .runs import (
    ReadyTask,
    run_complete_task,
    run_ready_task,
    run_repeat_step,
    run_reset,
    run_start,
    run_submit_task,
    run_take_hint,
)

__all__ = [
    "ReadyTask",
    "package_approve",
    "package_import",
    "package_reject",
    "run_complete_task",
    "run_ready_task",
    "run_repeat_step",
    "run_reset",
    "run_start",
    "run_submit_task",
    "run_take_hint",
    "runs_delete_expired",
    "runs_erase_for_user",
]
