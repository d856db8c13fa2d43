from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from lms.tasks import send_email


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset link through Celery, so a slow mail server never blocks a page."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.delay_on_commit(subject=subject, body=body, to=[to_email])


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Spalten: personalnummer, vorname, nachname, email, einheit; optional "
            "benutzername, funktion, rollen (mehrere mit | trennen). Trennzeichen ; oder ,"
            " – UTF-8, wie Excel „CSV UTF-8“ speichert."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Nur prüfen, nichts speichern"), required=False, initial=True
    )
