from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Registered only so that Django finds the `seed_demo` commands; no models."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo-Stadt"
