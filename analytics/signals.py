"""Receivers: the sandbox tells us a run finished (we must not be imported by it),
and `lms` tells every app when a person is erased."""

from django.db.models.signals import post_delete, post_save

from analytics.chart_cache import dashboard_charts_invalidate
from analytics.services.access_log import access_log_pseudonymise
from analytics.services.invitations import survey_invitations_forget
from analytics.services.surveys import survey_links_sever
from analytics.tasks import readiness_evidence_record
from common.signals import person_erased
from sandbox.signals import run_finished


def sandbox_run_finished(sender, *, run_id, **kwargs) -> None:
    """Sent after commit: queue the evidence update (ids only)."""
    readiness_evidence_record.delay(run_id=str(run_id))


def erase_person_links(sender, *, user_id: int, pseudonym: str, **kwargs) -> None:
    """Sent inside the erasure's transaction: sever the survey links, forget the
    invitations and put the pseudonym in place of the name in the access log."""
    survey_links_sever(user_id=user_id)
    survey_invitations_forget(user_id=user_id)
    access_log_pseudonymise(user_id=user_id, pseudonym=pseudonym)


def org_unit_changed(sender, **kwargs) -> None:
    """A unit was renamed, moved, added or deleted: the cached charts name units
    and follow the tree, so start a new generation."""
    dashboard_charts_invalidate()


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            org_unit_changed,
            sender="lms.OrgUnit",  # by label: analytics does not import lms.models
            dispatch_uid=f"analytics-org-unit-{signal is post_save}",
        )
    run_finished.connect(sandbox_run_finished, dispatch_uid="analytics-sandbox-run")
    person_erased.connect(erase_person_links, dispatch_uid="analytics-person-erased")
