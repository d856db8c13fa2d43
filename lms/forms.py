from collections.abc import Collection

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lms import roles
from lms.backends import REFUSED_FLAG, UNAVAILABLE_FLAG
from lms.models.org import OrgUnit
from lms.staff_csv import MAX_FILE_BYTES
from lms.tasks import password_reset_email_send

# Longer than any password manager makes, short enough that hashing stays cheap.
PASSWORD_MAX_LENGTH = 1_000


class LoginForm(AuthenticationForm):
    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Benutzername oder Passwort ist falsch. Achten Sie auf Groß- und "
            "Kleinschreibung."
        ),
        "inactive": _("Dieses Konto ist deaktiviert."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the username's max_length without its validator: a longer
        # name would reach authenticate() and the lockout log, whose column
        # refuses it on PostgreSQL.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))

    def get_invalid_login_error(self):
        message = directory_problem(self.request)
        if message:
            return forms.ValidationError(message, code="directory")
        return super().get_invalid_login_error()


def directory_problem(request) -> str:
    """Why a directory sign-in failed, if the directory told us (else "")."""
    if request is None:
        return ""
    refusal = getattr(request, REFUSED_FLAG, "")
    if refusal:
        return refusal
    if getattr(request, UNAVAILABLE_FLAG, False):
        return str(DIRECTORY_UNAVAILABLE)
    return ""


DIRECTORY_UNAVAILABLE = _(
    "Der Verzeichnisdienst (Windows-Anmeldung) ist gerade nicht erreichbar. Bitte "
    "versuchen Sie es in einigen Minuten noch einmal; lokale Konten können sich "
    "weiter anmelden."
)


class QueuedPasswordResetForm(PasswordResetForm):
    """Sends the reset link through Celery: a slow mail server never blocks a page.

    Only the person's id and the page's language are queued; the worker makes the
    token and the link, so neither sits in the broker.
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        # The address the form was sent to, so the link leads back to this server.
        base_url = f"{context['protocol']}://{context['domain']}"
        password_reset_email_send.delay_on_commit(
            user_id=context["user"].pk, language=get_language(), base_url=base_url
        )


class LeaveForm(forms.Form):
    left_on = forms.DateField(
        label=_("Ausgeschieden am"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Bitte geben Sie das Datum des Ausscheidens an."),
            "invalid": _("Bitte geben Sie ein gültiges Datum an."),
        },
    )


class StaffMemberForm(forms.Form):
    """A person on the staff page; the service checks who may change what."""

    first_name = forms.CharField(
        label=_("Vorname"),
        max_length=150,
        error_messages={"required": _("Bitte geben Sie den Vornamen an.")},
    )
    last_name = forms.CharField(
        label=_("Nachname"),
        max_length=150,
        error_messages={"required": _("Bitte geben Sie den Nachnamen an.")},
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        error_messages={
            "required": _("Bitte geben Sie die E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an."),
        },
    )
    org_unit = forms.ModelChoiceField(
        label=_("Organisationseinheit"),
        queryset=OrgUnit.objects.order_by("name"),
        error_messages={
            "required": _("Bitte wählen Sie eine Organisationseinheit."),
            "invalid_choice": _("Diese Organisationseinheit gibt es nicht."),
        },
    )
    job_title = forms.CharField(label=_("Funktion"), max_length=120, required=False)
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alle haben die Rolle Beschäftigte."),
        error_messages={
            "invalid_choice": _("Die Rolle „%(value)s“ können Sie nicht vergeben.")
        },
    )

    def __init__(self, *args, may_grant_admin: bool, **kwargs):
        super().__init__(*args, **kwargs)
        offered = roles.ASSIGNABLE_ROLES + ([roles.ADMIN] if may_grant_admin else [])
        self.fields["roles"].choices = [(r, roles.ROLE_LABELS[r]) for r in offered]


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Spalten wie in der Tabelle unten; Trennzeichen ; oder , – UTF-8, wie "
            "Excel „CSV UTF-8“ speichert. Höchstens 5 MB."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Nur prüfen, nichts speichern"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 5 MB."))
        return upload


class _ParentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class _HeadChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.last_name}, {obj.first_name} ({obj.username})"


class OrgUnitForm(forms.ModelForm):
    """An org unit on /organisation/: a parent is never the unit or one below it.

    Heads are chosen among the unit's people (`head_candidates`); a new unit has
    none yet, so its form has no such field.
    """

    parent = _ParentChoiceField(
        label=_("Übergeordnete Einheit"),
        queryset=OrgUnit.objects.order_by("name"),
        required=False,
        empty_label=_("keine (oberste Einheit)"),
        error_messages={
            "invalid_choice": _(
                "Diese Einheit kann nicht übergeordnet sein: Es ist die Einheit selbst "
                "oder eine Einheit darunter."
            )
        },
    )

    class Meta:
        model = OrgUnit
        fields = ["name", "code", "parent"]
        labels = {"name": _("Name"), "code": _("Kürzel")}
        help_texts = {
            "code": _(
                "Kurz und eindeutig, z. B. „ordnungsamt“: Buchstaben, Ziffern, "
                "Binde- und Unterstriche. Der Import und die Anmeldung über das "
                "Verzeichnis nennen die Einheit mit diesem Kürzel."
            )
        }
        error_messages = {
            "name": {"required": _("Bitte geben Sie den Namen der Einheit an.")},
            "code": {
                "required": _("Bitte geben Sie ein Kürzel an."),
                "invalid": _(
                    "Das Kürzel darf nur Buchstaben, Ziffern, Binde- und "
                    "Unterstriche enthalten."
                ),
                "unique": _("Dieses Kürzel hat schon eine andere Einheit."),
            },
        }

    def __init__(
        self,
        *args,
        excluded_parent_ids: Collection[int] = (),
        head_candidates=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = OrgUnit.objects.exclude(
            pk__in=excluded_parent_ids
        ).order_by("name")
        if head_candidates is not None:
            self.fields["heads"] = _HeadChoiceField(
                label=_("Leitung"),
                queryset=head_candidates,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_(
                    "Die Leitung sieht die Nachweise und Auswertungen der Einheit mit "
                    "allen Einheiten darunter. Zur Auswahl stehen die Beschäftigten "
                    "der Einheit."
                ),
                error_messages={
                    "invalid_choice": _(
                        "Diese Person gehört nicht zur Einheit und kann sie nicht "
                        "leiten."
                    )
                },
            )
