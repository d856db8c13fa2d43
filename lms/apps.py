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

        from common import request_memo

        request_memo.connect()

        from common import page_frame
        from lms.fragments import frame_person_key

        page_frame.register_person_key(frame_person_key)
