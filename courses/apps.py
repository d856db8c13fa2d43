from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Kurse"

    def ready(self) -> None:
        from courses import signals

        signals.connect()
