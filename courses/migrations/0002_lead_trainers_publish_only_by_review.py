"""Lead trainers publish course pages only by approving the review (no bypass)."""

from django.db import migrations

LEAD_GROUP = "Schulungsleitung"


def remove_lead_publish(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group__name=LEAD_GROUP, permission__codename="publish_page"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(remove_lead_publish, migrations.RunPython.noop),
    ]
