from django.apps import AppConfig
from django.db.models.signals import post_migrate


def api_client_group_sync(sender, **kwargs) -> None:
    """The group of the adoption API client, with its one permission (idempotent)."""
    from django.contrib.auth.models import Group, Permission

    from analytics.api.authentication import API_CLIENT_GROUP

    group, _created = Group.objects.get_or_create(name=API_CLIENT_GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="analytics", codename="report_adoption"
        )
    )


class AnalyticsConfig(AppConfig):
    name = "analytics"
    verbose_name = "Auswertungen"

    def ready(self) -> None:
        from analytics import signals

        signals.connect()
        post_migrate.connect(
            api_client_group_sync, sender=self, dispatch_uid="analytics-api-client"
        )
