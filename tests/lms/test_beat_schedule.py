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
    } <= scheduled
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)
