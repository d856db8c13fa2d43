"""Forms of the rules pages under /organisation/regeln/ (courses by title)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from lms.models import AssignmentRule, Exemption, OrgUnit
from lms.selectors.rules import course_choices

User = get_user_model()


class _CourseField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Kurs"),
            coerce=int,
            choices=(),
            error_messages={"required": _("Bitte wählen Sie einen Kurs.")},
            **kwargs,
        )


def _with_courses(form: forms.BaseForm) -> None:
    choices: list[tuple[object, str]] = [("", _("– bitte wählen –"))]
    choices += course_choices()
    current = form.initial.get("course_id")
    if current and current not in {c for c, _t in choices}:
        choices.append((current, _("Kurs %s (nicht veröffentlicht)") % current))
    form.fields["course_id"].choices = choices


class AssignmentRuleForm(forms.ModelForm):
    course_id = _CourseField()
    org_unit = forms.ModelChoiceField(
        label=_("Organisationseinheit"),
        queryset=OrgUnit.objects.order_by("name"),
        required=False,
        empty_label=_("alle Einheiten"),
        help_text=_("Die Regel gilt für die Einheit und alle Einheiten darunter."),
    )

    class Meta:
        model = AssignmentRule
        fields = [
            "course_id",
            "org_unit",
            "role",
            "job_title",
            "due_days",
            "recertify_months",
            "starts_on",
            "is_active",
        ]
        labels = {"role": _("Rolle"), "job_title": _("Funktion")}
        help_texts = {
            "job_title": _("Leer: jede Funktion."),
            "starts_on": _("Leer: ab sofort. Format: TT.MM.JJJJ"),
        }
        widgets = {"starts_on": forms.DateInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _with_courses(self)
        self.fields["role"].choices = [("", _("alle Rollen"))] + list(
            AssignmentRule.ROLE_CHOICES
        )


class _PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.last_name}, {obj.first_name} ({obj.username})"


class ExemptionForm(forms.ModelForm):
    user = _PersonChoiceField(
        label=_("Person"),
        queryset=User.objects.filter(is_active=True, staff__isnull=False).order_by(
            "last_name", "first_name", "username"
        ),
        error_messages={"required": _("Bitte wählen Sie eine Person.")},
    )
    course_id = _CourseField()

    class Meta:
        model = Exemption
        fields = ["user", "course_id", "reason"]
        widgets = {"reason": forms.TextInput()}
        error_messages = {
            "reason": {"required": _("Bitte geben Sie eine Begründung an.")}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _with_courses(self)
