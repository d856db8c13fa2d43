from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "analytics"
    verbose_name = "Auswertungen"

    def ready(self) -> None:
        from analytics import signals

        signals.connect()
