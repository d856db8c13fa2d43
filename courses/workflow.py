"""How the review ("Redaktionelle Prüfung") ends: approving publishes.

The lead trainers hold no plain publish permission on course pages (they could
otherwise skip the review with "Veröffentlichen"). Approving the last step of the
review is their authority to publish, so the approved revision is published without
Wagtail's publish-permission check. Set as ``WAGTAIL_FINISH_WORKFLOW_ACTION``.
"""


def publish_after_review(workflow_state, user=None) -> None:
    """Publish the latest revision of the object whose review was approved."""
    workflow_state.content_object.get_latest_revision().publish(
        user=user, skip_permission_checks=True
    )
