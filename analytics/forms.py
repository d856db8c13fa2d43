from django import forms
from django.utils.translation import gettext_lazy as _

from courses import selectors as courses
from lms.selectors.readiness import org_units_plain
from sandbox import selectors as sandbox

SCALE = [(str(i), str(i)) for i in range(1, 6)]
# A browser's date field takes and shows ISO dates only, whatever the language.
ISO_DATE = "%Y-%m-%d"


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    go_live = forms.DateField(
        label=_("Start des Echtbetriebs"),
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
    )
    process_ids = forms.MultipleChoiceField(
        label=_("Prozesse"), widget=forms.CheckboxSelectMultiple
    )
    course_ids = forms.TypedMultipleChoiceField(
        label=_("Kurse"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    org_unit_ids = forms.TypedMultipleChoiceField(
        label=_("Organisationseinheiten (mit allen Untereinheiten)"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    target_share = forms.IntegerField(
        label=_("Ziel: digitaler Anteil in %"), min_value=0, max_value=100
    )

    def __init__(self, *args, extra_processes=(), **kwargs):
        super().__init__(*args, **kwargs)
        processes = {p.process_id: p.title for p in sandbox.process_list()}
        for process_id in extra_processes:
            processes.setdefault(process_id, process_id)
        self.fields["process_ids"].choices = sorted(
            processes.items(), key=lambda item: item[1]
        )
        self.fields["course_ids"].choices = [
            (c["id"], c["title"]) for c in courses.course_summaries()
        ]
        self.fields["org_unit_ids"].choices = [
            (u["id"], u["name"]) for u in org_units_plain()
        ]


class AdoptionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Spalten: org_unit;process;week;digital;total – eine Zeile je Einheit, "
            "Prozess und Kalenderwoche (z. B. 2026-W48)."
        ),
    )


class SurveyForm(forms.Form):
    awareness = forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect)
    desire = forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect)
    knowledge = forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect)
    ability = forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect)
    reinforcement = forms.ChoiceField(choices=SCALE, widget=forms.RadioSelect)
    concern = forms.CharField(
        label=_("Haben Sie eine Sorge oder Anregung? (freiwillig)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Ihre Leitung sieht diesen Text nie. Die Personalentwicklung sieht "
            "Texte nur gesammelt ab 5 Antworten und ohne Namen."
        ),
    )

    def __init__(self, *args, process_title: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        statements = {
            "awareness": _("Ich weiß, warum das Vorhaben „%(p)s“ kommt."),
            "desire": _("Ich möchte das neue digitale Verfahren nutzen."),
            "knowledge": _("Ich weiß, wie das digitale Verfahren funktioniert."),
            "ability": _("Ich traue mir zu, einen Fall digital zu bearbeiten."),
            "reinforcement": _(
                "Ich bekomme Unterstützung, wenn ich nicht weiterkomme."
            ),
        }
        statements["awareness"] = statements["awareness"] % {"p": process_title}
        for name, text in statements.items():
            self.fields[name].label = text


class SurveyWaveForm(forms.Form):
    title = forms.CharField(label=_("Titel der Runde"), max_length=200)
    closes_on = forms.DateField(
        label=_("offen bis einschließlich"),
        widget=forms.DateInput(attrs={"type": "date"}, format=ISO_DATE),
    )
