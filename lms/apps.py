from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Lernen und Organisation")

    def ready(self) -> None:
        from lms import roles

        # Role groups need every app's permissions, which exist only after migrate.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="lms-roles-sync")

        from lms import signals

        signals.connect()

        from django.core.signals import request_finished, request_started

        from lms import person_generation
        from lms.selectors import content

        request_started.connect(content.request_memo_begin, dispatch_uid="lms-memo")
        request_finished.connect(content.request_memo_end, dispatch_uid="lms-memo")
        request_started.connect(
            person_generation.request_memo_begin, dispatch_uid="lms-person-memo"
        )
        request_finished.connect(
            person_generation.request_memo_end, dispatch_uid="lms-person-memo"
        )
