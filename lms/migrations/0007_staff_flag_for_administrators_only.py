"""Only administrators keep Django's staff flag.

The Django admin is for administrators (superusers and the group "Administration");
training admins and trainers work under /organisation/ and in Wagtail's /cms/,
which asks for `wagtailadmin.access_admin`, not for the flag.
"""

from django.conf import settings
from django.db import migrations
from django.db.models import Q

ADMIN_GROUP = "Administration"


def staff_flag_for_administrators_only(apps, schema_editor):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    User = apps.get_model(app_label, model_name)
    User.objects.filter(is_staff=True).exclude(
        Q(is_superuser=True) | Q(groups__name=ADMIN_GROUP)
    ).update(is_staff=False)


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0006_merge_calendar_directory_import"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(
            staff_flag_for_administrators_only, migrations.RunPython.noop
        ),
    ]
