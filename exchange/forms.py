from django import forms
from django.utils.translation import gettext_lazy as _


class CoursePackageForm(forms.Form):
    file = forms.FileField(
        label=_("Kurspaket (ZIP)"),
        help_text=_(
            "Ein Kurspaket im Format lotse-course/1, z. B. aus „Kurs exportieren“ "
            "einer anderen Lotse-Installation."
        ),
    )
