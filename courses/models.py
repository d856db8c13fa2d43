"""Course content: catalogue → course → lesson pages, and lesson videos with captions.

`courses` is content only: enrolment, progress and grading live in
`lms` and appear on these pages through the `learning` template tags. Other apps read
courses through `courses.selectors`, never through these models.
"""

import re

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
)
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtailmedia.models import AbstractMedia

from courses.blocks.base import SHORT_RICH_TEXT_FEATURES
from courses.blocks.streams import LessonStreamBlock

SEARCH_QUERY_MAX_LENGTH = 100


def search_terms(query: str) -> str:
    """The words of what someone typed into the search box, nothing else.

    Search input is text, never query syntax: quotes, colons and brackets would
    reach the search backend's own query language (SQLite FTS5 reads
    ``width:`` as a column filter and fails on the stray quote).
    """
    return " ".join(re.findall(r"\w+", query))


class LoginRequiredPage(Page):
    """Course content is for staff only: anonymous visitors go to the login page.

    Checked in code rather than through a page view restriction, so every course page
    is protected however it was created (admin, import, tests).
    """

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class CourseCatalogue(LoginRequiredPage):
    """The catalogue at /kurse/: course cards, search and a filter by initiative."""

    intro = RichTextField(
        _("Einleitung"), blank=True, features=SHORT_RICH_TEXT_FEATURES
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("Kurskatalog")
        verbose_name_plural = _("Kurskataloge")

    def live_courses(self):
        return (
            CoursePage.objects.live()
            .child_of(self)
            .select_related("cover_image")
            .prefetch_related("cover_image__renditions")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:SEARCH_QUERY_MAX_LENGTH]
        initiative = request.GET.get("initiative", "").strip()
        courses = self.live_courses()
        initiatives = sorted(
            set(courses.values_list("initiative", flat=True)) - {""}, key=str.casefold
        )
        if initiative:
            courses = courses.filter(initiative=initiative)
        lesson_hits = []
        if query:
            terms = search_terms(query)
            course_hits = (
                CoursePage.objects.live().child_of(self).search(terms) if terms else []
            )
            lesson_hits = (
                list(LessonPage.objects.live().descendant_of(self).search(terms))
                if terms
                else []
            )
            parent_paths = {lesson.path[: -Page.steplen] for lesson in lesson_hits}
            courses = courses.filter(
                models.Q(pk__in=[course.pk for course in course_hits])
                | models.Q(path__in=parent_paths)
            )
        courses = list(courses)
        minutes: dict[str, list] = {}
        for path, value in (
            LessonPage.objects.live()
            .descendant_of(self)
            .values_list("path", "estimated_minutes")
        ):
            minutes.setdefault(path[: -Page.steplen], []).append(value)
        for course in courses:
            course.duration = course.duration_minutes(minutes.get(course.path, []))
        if query:
            course_by_path = {course.path: course for course in courses}
            lesson_hits = [
                (lesson, course_by_path[lesson.path[: -Page.steplen]])
                for lesson in lesson_hits
                if lesson.path[: -Page.steplen] in course_by_path
            ]
        context.update(
            courses=courses,
            initiatives=initiatives,
            selected_initiative=initiative,
            query=query,
            lesson_hits=lesson_hits,
        )
        return context


class CoursePage(LoginRequiredPage):
    """A course about one digital process: goals, lessons in order, quiz pass mark."""

    summary = models.TextField(
        _("Kurzbeschreibung"),
        max_length=400,
        help_text=_("Zwei, drei Sätze für die Kurskarte im Katalog."),
    )
    goals = RichTextField(
        _("Lernziele"),
        features=SHORT_RICH_TEXT_FEATURES,
        help_text=_("Was können Teilnehmende nach dem Kurs? Am besten als Liste."),
    )
    target_group = models.CharField(
        _("Zielgruppe"),
        max_length=255,
        blank=True,
        help_text=_("z. B. Beschäftigte im Ordnungsamt und in der Steuerstelle"),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("Dauer in Minuten"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("Bestehensgrenze der Quizze (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("Gültigkeit des Zertifikats (Monate)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leer lassen: Das Zertifikat läuft nicht ab."),
    )
    initiative = models.CharField(
        _("Veränderungsvorhaben / Prozess"),
        max_length=120,
        blank=True,
        help_text=_("z. B. „Hund anmelden – digital“. Der Katalog filtert danach."),
    )
    is_mandatory_hint = models.BooleanField(
        _("Pflichtschulung"),
        default=False,
        help_text=_(
            "Nur ein Hinweis im Katalog; Pflicht-Zuweisungen macht die "
            "Personalentwicklung."
        ),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Titelbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("Alternativtext des Titelbilds"),
        max_length=250,
        blank=True,
        help_text=_("Pflicht, wenn ein Titelbild gewählt ist."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("goals"),
        index.SearchField("target_group"),
        index.SearchField("initiative"),
        index.FilterField("initiative"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("goals"),
        MultiFieldPanel(
            [
                FieldPanel("initiative"),
                FieldPanel("target_group"),
                FieldPanel("estimated_minutes"),
                FieldPanel("is_mandatory_hint"),
            ],
            heading=_("Einordnung"),
        ),
        MultiFieldPanel(
            [FieldPanel("pass_mark"), FieldPanel("certificate_validity_months")],
            heading=_("Bestehen und Zertifikat"),
        ),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt")],
            heading=_("Titelbild"),
        ),
    ]

    parent_page_types = ["courses.CourseCatalogue"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("Kurs")
        verbose_name_plural = _("Kurse")

    def clean(self):
        super().clean()
        if self.cover_image_id and not self.cover_image_alt.strip():
            raise ValidationError(
                {
                    "cover_image_alt": _(
                        "Bitte geben Sie einen Alternativtext für das Titelbild ein."
                    )
                }
            )

    def live_lessons(self):
        """Published lessons in tree order, without loading their bodies."""
        return LessonPage.objects.live().child_of(self).defer_streamfields()

    def duration_minutes(self, lesson_minutes=None) -> int:
        """The course's duration: the sum of its lessons' minutes.

        The course's own estimate counts only while no lesson names its minutes.
        """
        if lesson_minutes is None:
            lesson_minutes = self.live_lessons().values_list(
                "estimated_minutes", flat=True
            )
        minutes = [m for m in lesson_minutes if m]
        return sum(minutes) if minutes else self.estimated_minutes

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = list(self.live_lessons())
        context["duration_minutes"] = self.duration_minutes(
            [lesson.estimated_minutes for lesson in context["lessons"]]
        )
        return context


class LessonPage(LoginRequiredPage):
    """One lesson: a StreamField of content, quiz, sandbox exercise and acknowledgement."""

    summary = models.CharField(
        _("Worum es geht"),
        max_length=255,
        blank=True,
        help_text=_("Ein Satz, erscheint in der Lektionsliste des Kurses."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("Dauer in Minuten"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("Inhalt"))

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Lektion")
        verbose_name_plural = _("Lektionen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = CoursePage.objects.parent_of(self).first()
        siblings = list(LessonPage.objects.live().sibling_of(self).defer_streamfields())
        paths = [lesson.path for lesson in siblings]
        previous = [lesson for lesson in siblings if lesson.path < self.path]
        following = [lesson for lesson in siblings if lesson.path > self.path]
        context.update(
            course=course,
            previous_lesson=previous[-1] if previous else None,
            next_lesson=following[0] if following else None,
            lesson_number=(paths.index(self.path) + 1) if self.path in paths else None,
            lesson_count=len(siblings),
        )
        return context


def validate_webvtt(value) -> None:
    """A captions file must be WebVTT: it starts with the WEBVTT signature."""
    try:
        value.seek(0)
        head = value.read(16)
        value.seek(0)
    except (OSError, ValueError):
        return
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    if not head.lstrip("\ufeff").startswith("WEBVTT"):
        raise ValidationError(
            _(
                "Die Untertiteldatei ist keine WebVTT-Datei (sie muss mit „WEBVTT“ "
                "beginnen)."
            )
        )


class LessonMedia(AbstractMedia):
    """A lesson video; captions are required (BITV 2.0 / WCAG 2.1 AA, 1.2.2)."""

    captions = models.FileField(
        _("Untertitel (WebVTT)"),
        upload_to="media_captions",
        validators=[FileExtensionValidator(["vtt"]), validate_webvtt],
        help_text=_("Pflicht: eine .vtt-Datei mit den Untertiteln des Videos."),
    )
    captions_language = models.CharField(
        _("Sprache der Untertitel"),
        max_length=8,
        default="de",
        choices=[("de", _("Deutsch")), ("en", _("Englisch"))],
    )

    admin_form_fields = AbstractMedia.admin_form_fields + (
        "captions",
        "captions_language",
    )

    class Meta(AbstractMedia.Meta):
        verbose_name = _("Video")
        verbose_name_plural = _("Videos")
