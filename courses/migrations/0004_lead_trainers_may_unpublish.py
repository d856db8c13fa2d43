"""Lead trainers may take course pages offline (not publish past the review).

Creates Lotse's page permission `unpublish_page` (see `courses.models`) and gives
it to the group "Schulungsleitung" wherever the group may already edit pages.
"""

from django.db import migrations

LEAD_GROUP = "Schulungsleitung"
CODENAME = "unpublish_page"
NAME = "Veröffentlichung von Seiten aufheben"


def lead_trainers_may_unpublish(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    page_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="page"
    )
    unpublish, _ = Permission.objects.get_or_create(
        content_type=page_type, codename=CODENAME, defaults={"name": NAME}
    )
    for granted in GroupPagePermission.objects.filter(
        group__name=LEAD_GROUP, permission__codename="change_page"
    ):
        GroupPagePermission.objects.get_or_create(
            group_id=granted.group_id, page_id=granted.page_id, permission=unpublish
        )


def lead_trainers_may_not_unpublish(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group__name=LEAD_GROUP, permission__codename=CODENAME
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_sandbox_exercise_chooser_and_quiz_defaults"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(
            lead_trainers_may_unpublish, lead_trainers_may_not_unpublish
        ),
    ]
