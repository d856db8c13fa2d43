"""Helpers for the erasure test: records of a person in the other apps, which of
Lotse's tables hold a row of hers, and a search through the whole database."""

import datetime as dt

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

# Lotse's own apps; Wagtail's and the course pages' tables hold editors' work.
APPS = {"lms", "sandbox", "analytics", "exchange"}
# Links to the person who did something, which an employee never does.
ACTOR_FIELDS = {
    ("lms_erasurerecord", "performed_by"),
    ("lms_exemption", "created_by"),
    ("lms_staffimportjob", "uploaded_by"),
    ("lms_orgunit", "heads"),
    ("sandbox_processpackage", "uploaded_by"),
    ("sandbox_processpackage", "reviewed_by"),
    ("analytics_recomputejob", "started_by"),
    ("exchange_courseupdate", "uploaded_by"),
}
SURVEY_ANSWER = {
    "awareness": 4,
    "desire": 2,
    "knowledge": 3,
    "ability": 5,
    "reinforcement": 1,
}


def records_in_other_apps(user, unit) -> None:
    """A calendar feed, a survey answer and invitation, a dashboard visit in the
    access log, and readiness snapshots (the initiative covers `unit`)."""
    from analytics.models import AccessLog, Initiative, SurveyInvitation, SurveyWave
    from analytics.services.access_log import access_log_record
    from analytics.services.recompute import readiness_recompute
    from analytics.services.surveys import survey_answer_submit
    from lms.services.calendar import calendar_feed_renew

    calendar_feed_renew(user=user)
    initiative = Initiative.objects.create(
        title="Hund anmelden – digital",
        go_live=dt.date(2026, 6, 1),
        process_ids=["hund_anmelden"],
        course_ids=[],
        target_share=80,
    )
    initiative.org_units.add(unit)
    today = timezone.localdate()
    wave = SurveyWave.objects.create(
        initiative=initiative,
        title="Herbst",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=7),
    )
    SurveyInvitation.objects.create(wave=wave, user=user, sent_at=timezone.now())
    survey_answer_submit(
        wave=wave, user_id=user.pk, org_unit_id=unit.pk, values=SURVEY_ANSWER
    )
    access_log_record(
        user=user, action=AccessLog.Action.VIEW, target="dashboard", filters={}
    )
    readiness_recompute()


def tables_without_rows_of(user) -> list[str]:
    """Every `table.column` of Lotse's apps that links to a person (other than
    ACTOR_FIELDS) and holds no row of `user`."""
    person = get_user_model()
    missing = []
    for model in apps.get_models():
        if model._meta.app_label not in APPS:
            continue
        for field in model._meta.get_fields():
            if not (field.concrete and field.is_relation):
                continue
            if field.related_model is not person:
                continue
            name = (model._meta.db_table, field.name)
            if name in ACTOR_FIELDS:
                continue
            if not model.objects.filter(**{field.name: user}).exists():
                missing.append(".".join(name))
    return sorted(missing)


def rows_mentioning(*needles: str) -> list[str]:
    """Every table and text column (char, text, JSON) that holds one of `needles`."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public'
              AND data_type IN ('character varying', 'text', 'json', 'jsonb',
                                'character', 'bytea')
            """
        )
        for table, column, data_type in cursor.fetchall():
            if data_type == "bytea":
                condition = f"position(convert_to(%s, 'UTF8') in \"{column}\") > 0"
            else:
                condition = f'position(lower(%s) in lower("{column}"::text)) > 0'
            for needle in needles:
                cursor.execute(
                    f'SELECT count(*) FROM "{table}" WHERE {condition}', [needle]
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column}: {needle}")
    return found
