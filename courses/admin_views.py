"""The editing room's quiz import: questions from GIFT, Moodle XML or Aiken files
into a quiz block of a lesson (a new draft; publishing goes through the review)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import LessonPage
from courses.quiz_import import FORMATS, QuizImportError
from courses.services import NEW_QUIZ, lesson_import_questions

MAX_FILE_BYTES = 1024 * 1024


class QuizImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Datei mit Fragen"),
        help_text=gettext_lazy(
            "GIFT- oder Aiken-Textdatei (UTF-8) oder Moodle-XML-Export, höchstens 1 MB."
        ),
    )
    fmt = forms.ChoiceField(label=gettext_lazy("Format"), choices=FORMATS.items())
    quiz = forms.ChoiceField(label=gettext_lazy("In welches Quiz?"))

    def __init__(self, *args, quizzes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].choices = [
            *quizzes,
            (NEW_QUIZ, _("Neues Quiz am Ende der Lektion")),
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 1 MB."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("Die Datei ist nicht in UTF-8 gespeichert.")
            ) from None


def _quiz_choices(lesson: LessonPage) -> list[tuple[str, str]]:
    draft = lesson.get_latest_revision_as_object()
    choices = []
    for block in draft.body.raw_data:
        if block.get("type") == "quiz":
            value = block.get("value") or {}
            choices.append(
                (
                    block["id"],
                    _("Quiz „%(title)s“ (%(count)s Fragen)")
                    % {
                        "title": value.get("title") or _("ohne Titel"),
                        "count": len(value.get("questions") or []),
                    },
                )
            )
    return choices


def quiz_import(request, page_id: int):
    lesson = get_object_or_404(LessonPage, pk=page_id)
    if not lesson.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    quizzes = _quiz_choices(lesson)
    errors: list[str] = []
    if request.method == "POST":
        form = QuizImportForm(request.POST, request.FILES, quizzes=quizzes)
        if form.is_valid():
            try:
                count = lesson_import_questions(
                    lesson=lesson,
                    text=form.cleaned_data["file"],
                    fmt=form.cleaned_data["fmt"],
                    quiz_block_id=form.cleaned_data["quiz"],
                    user=request.user,
                )
            except QuizImportError as error:
                errors = error.errors
            else:
                messages.success(
                    request,
                    _(
                        "%(count)s Fragen wurden übernommen und als Entwurf gespeichert. "
                        "Prüfen Sie sie und reichen Sie die Lektion zur redaktionellen "
                        "Prüfung ein."
                    )
                    % {"count": count},
                )
                return redirect("wagtailadmin_pages:edit", lesson.pk)
    else:
        form = QuizImportForm(quizzes=quizzes)
    return TemplateResponse(
        request,
        "courses/admin/quiz_import.html",
        {
            "lesson": lesson,
            "form": form,
            "errors": errors,
            "header_title": _("Quizfragen importieren"),
        },
    )
