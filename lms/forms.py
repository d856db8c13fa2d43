from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from lms.tasks import send_email


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Benutzername oder Passwort ist falsch. Achten Sie auf Groß- und "
            "Kleinschreibung."
        ),
        "inactive": _("Dieses Konto ist deaktiviert."),
    }


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset link through Celery: a slow mail server never blocks a page."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(
            loader.render_to_string(subject_template_name, context).splitlines()
        )
        body = loader.render_to_string(email_template_name, context)
        send_email.delay_on_commit(subject=subject, body=body, to=[to_email])


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Spalten: personalnummer, vorname, nachname, email, einheit; optional "
            "benutzername, funktion, rollen (mehrere mit | trennen). "
            "Trennzeichen ; oder ,"
            " – UTF-8, wie Excel „CSV UTF-8“ speichert."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Nur prüfen, nichts speichern"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        return upload
