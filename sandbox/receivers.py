"""Receivers of signals from other apps (sent through `common.signals`), and the
model signals this app turns into its own (`sandbox.signals`)."""

from django.db.models.signals import post_delete, post_save

from common.signals import person_erased
from sandbox.models import ProcessPackage, SandboxRun
from sandbox.services.retention import runs_erase_for_user
from sandbox.signals import packages_changed, runs_changed


def erase_runs_of_person(sender, *, user_id: int, **kwargs) -> None:
    """A person is erased: their runs go, their scores stay in the aggregates."""
    runs_erase_for_user(user_id=user_id)


def run_written(sender, instance: SandboxRun, update_fields=None, **kwargs) -> None:
    """A run was started, finished or deleted: what lists and cards show of it.
    Progress inside an active run (`SandboxRun.PROGRESS_FIELDS`) shows only on
    the run's own page, which is never kept."""
    if update_fields is not None and update_fields <= SandboxRun.PROGRESS_FIELDS:
        return
    runs_changed.send(sender=SandboxRun, user_id=instance.user_id)


def package_written(sender, instance: ProcessPackage, **kwargs) -> None:
    packages_changed.send(sender=ProcessPackage)


def connect() -> None:
    person_erased.connect(erase_runs_of_person, dispatch_uid="sandbox-person-erased")
    for signal in (post_save, post_delete):
        suffix = "saved" if signal is post_save else "deleted"
        signal.connect(
            run_written, sender=SandboxRun, dispatch_uid=f"sandbox-run-{suffix}"
        )
        signal.connect(
            package_written,
            sender=ProcessPackage,
            dispatch_uid=f"sandbox-package-{suffix}",
        )
