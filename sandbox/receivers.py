"""Receivers of signals from other apps (sent through `common.signals`)."""

from common.signals import person_erased
from sandbox.services.retention import runs_erase_for_user


def erase_runs_of_person(sender, *, user_id: int, **kwargs) -> None:
    """A person is erased: their runs go, their scores stay in the aggregates."""
    runs_erase_for_user(user_id=user_id)


def connect() -> None:
    person_erased.connect(erase_runs_of_person, dispatch_uid="sandbox-person-erased")
