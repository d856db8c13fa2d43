"""Pages of the learning core: my training, forms posted from course pages,
certificates and their public verification, notifications, compliance, my data."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.text import repaired
from common.urls import request_base_url
from lms.certificate_pdf import certificate_pdf
from lms.fragments import person_fragment
from lms.grading import answers_from_form
from lms.selectors import content
from lms.selectors.certificates import (
    certificate_by_code,
    certificate_status,
    certificates_of,
)
from lms.selectors.export import (
    EXPORT_KEYS,
    personal_data_export,
    personal_data_overview,
)
from lms.selectors.notifications import notifications_of
from lms.selectors.training import catalogue_for, course_exercises, my_training
from lms.services.enrolments import enrolment_create
from lms.services.notifications import notifications_mark_read
from lms.services.progress import acknowledgement_give, lesson_continue
from lms.services.quizzes import quiz_attempt_submit


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _back(request, fallback: str, anchor: str = "") -> HttpResponse:
    """Back to where the form was (`next`, if it is ours), else to `fallback`."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = fallback
    return redirect(target + anchor)


def _lesson_or_404(lesson_id: int):
    course_id = content.course_id_of_lesson(lesson_id)
    outline = content.course_outline(course_id) if course_id else None
    lesson = outline.lesson(lesson_id) if outline else None
    if lesson is None:
        raise Http404(_("Diese Lektion gibt es nicht."))
    return outline, lesson


@login_required
@require_GET
def my_training_view(request):
    """All my current courses, the catalogue for self-enrolment, my certificates."""

    def training() -> dict:
        items = my_training(request.user)
        return {
            "mandatory": [i for i in items if i.enrolment.is_mandatory],
            "optional": [i for i in items if not i.enrolment.is_mandatory],
            "catalogue": catalogue_for(request.user),
            "certificates": certificates_of(request.user)[:5],
        }

    body = person_fragment(
        request, "my_training", "lms/learning/my_training_body.html", training
    )
    return render(request, "lms/learning/my_training.html", {"body": body})


@login_required
@require_POST
def course_enrol_view(request, course_id: int):
    outline = content.course_outline(course_id)
    if outline is None:
        raise Http404(_("Diesen Kurs gibt es nicht."))
    try:
        enrolment_create(user=request.user, course_id=course_id)
        messages.success(
            request,
            _("Sie sind jetzt im Kurs „%s“ eingeschrieben.") % outline.info.title,
        )
    except ValidationError as error:
        messages.info(request, _error_text(error))
    first = outline.lessons[0].url if outline.lessons else outline.info.url
    return _back(request, first)


@login_required
@require_POST
def lesson_complete_view(request, lesson_id: int):
    """ "Weiter" on a lesson: move on, and count the lesson done if it has nothing
    to check; a finished course leads to its "Kurs abgeschlossen" page."""
    outline, lesson = _lesson_or_404(lesson_id)
    try:
        outcome = lesson_continue(user=request.user, lesson_id=lesson_id)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return _back(request, lesson.url)
    index = outline.lesson_index(lesson_id)
    following = outline.lessons[index + 1] if index + 1 < len(outline.lessons) else None
    if outcome.course_completed_now or (outcome.course_completed and not following):
        return redirect("learning:course_done", course_id=outline.id)
    if not outcome.lesson_done:
        messages.info(
            request,
            _(
                "Die Lektion „%s“ ist noch nicht erledigt: Es fehlt noch das Quiz "
                "oder die Kenntnisnahme. Sie können später dorthin zurückkehren."
            )
            % lesson.title,
        )
    return redirect(
        following.url if following else outline.info.url + "#kursfortschritt"
    )


@login_required
@require_GET
def course_done_view(request, course_id: int):
    """ "Kurs abgeschlossen": the certificate and what comes next."""
    outline = content.course_outline(course_id)
    if outline is None:
        raise Http404(_("Diesen Kurs gibt es nicht."))
    items = my_training(request.user)
    item = next((i for i in items if i.outline.id == course_id), None)
    if item is None or item.enrolment.completed_at is None:
        return redirect(outline.info.url + "#kursfortschritt")
    return render(
        request,
        "lms/learning/course_done.html",
        {
            "outline": outline,
            "item": item,
            "certificate": item.certificate,
            "next_items": [
                i
                for i in items
                if i.enrolment.completed_at is None and i.outline.id != course_id
            ][:3],
            "exercises": course_exercises(outline),
            "catalogue": catalogue_for(request.user)[:3],
        },
    )


@login_required
@require_POST
def acknowledge_view(request, lesson_id: int, block_id: str):
    _outline, lesson = _lesson_or_404(lesson_id)
    if request.POST.get("confirm") != "yes":
        messages.error(
            request,
            _("Bitte bestätigen Sie mit dem Häkchen, dass Sie den Text gelesen haben."),
        )
        return _back(request, lesson.url, f"#ack-{block_id}")
    try:
        acknowledgement_give(user=request.user, lesson_id=lesson_id, block_id=block_id)
        messages.success(request, _("Danke – Ihre Kenntnisnahme ist gespeichert."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return _back(request, lesson.url, f"#ack-{block_id}")


@login_required
@require_POST
def quiz_submit_view(request, lesson_id: int, block_id: str):
    """A quiz form from a lesson page: grade on the server, back to the result."""
    _outline, lesson = _lesson_or_404(lesson_id)
    quiz = content.quiz_get(lesson_id=lesson_id, block_id=block_id)
    if quiz is None:
        raise Http404(_("Dieses Quiz gibt es nicht."))
    answers = answers_from_form(quiz, request.POST)
    try:
        outcome = quiz_attempt_submit(
            user=request.user, lesson_id=lesson_id, block_id=block_id, answers=answers
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return _back(request, lesson.url, f"#quiz-{block_id}")
    attempt = outcome.attempt
    if attempt.passed:
        messages.success(
            request,
            _("Bestanden mit %(score)d %%. Gut gemacht!") % {"score": attempt.score},
        )
    else:
        messages.info(
            request,
            _(
                "%(score)d %% – noch nicht bestanden. Lesen Sie die Erklärungen und "
                "versuchen Sie es noch einmal; es zählt Ihr bester Versuch."
            )
            % {"score": attempt.score},
        )
    return _back(request, lesson.url, f"#quiz-{block_id}")


@login_required
@require_GET
def certificates_view(request):
    page = Paginator(certificates_of(request.user), 20).get_page(
        request.GET.get("seite")
    )
    today = timezone.localdate()
    rows = [(c, certificate_status(c, today=today)) for c in page]
    return render(
        request, "lms/learning/certificates.html", {"page_obj": page, "rows": rows}
    )


@login_required
@require_GET
def certificate_pdf_view(request, code: str):
    certificate = certificate_by_code(code)
    if certificate is None or certificate.user_id != request.user.pk:
        raise Http404(_("Dieses Zertifikat gibt es nicht."))
    response = HttpResponse(
        certificate_pdf(certificate, base_url=request_base_url(request)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="zertifikat-{certificate.code}.pdf"'
    )
    return response


@never_cache
@require_GET
def verify_view(request, code: str):
    """Public: is this certificate valid? Shows name, course and dates only."""
    certificate = certificate_by_code(code)
    status = certificate_status(certificate, today=timezone.localdate())
    return render(
        request,
        "lms/learning/verify.html",
        {"certificate": certificate, "status": status, "code": code},
    )


@login_required
@require_http_methods(["GET", "POST"])
def notifications_view(request):
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        messages.success(
            request, _("Alle Benachrichtigungen sind als gelesen markiert.")
        )
        return redirect("learning:notifications")
    page = Paginator(notifications_of(request.user), 20).get_page(
        request.GET.get("seite")
    )
    return render(request, "lms/learning/notifications.html", {"page_obj": page})


@login_required
@require_GET
def my_data_view(request):
    """ "Meine Daten": everything the platform holds about me, readable, with the
    JSON download beside it."""
    data = repaired(personal_data_export(request.user))
    return render(
        request,
        "lms/learning/my_data.html",
        {"sections": personal_data_overview(data), "keys": EXPORT_KEYS},
    )


@login_required
@require_GET
def my_data_json_view(request):
    """Everything the platform holds about me, as a JSON download."""
    # repaired: text stored before the input checks existed may not encode as UTF-8.
    data = repaired(personal_data_export(request.user))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="lotse-meine-daten.json"'
    return response
