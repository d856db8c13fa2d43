"""Every periodic job in the one schedule names a task that exists."""

from django.conf import settings

from config.celery import app


def test_every_scheduled_task_is_registered():
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "lms.tasks.learning_rules_apply",
        "lms.tasks.learning_reminders_send_due",
        "sandbox.tasks.delete_expired_runs",
        "lms.tasks.learning_events_delete_expired",
        "analytics.tasks.readiness_recompute_nightly",
        "analytics.tasks.survey_invitations_send_open",
        "exchange.tasks.xapi_forward",
        "exchange.tasks.exchange_check_updates",
    } <= scheduled
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)
