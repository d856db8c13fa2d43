"""The demo courses: catalogue, four courses, pictures, review workflow, rights.

Called by `manage.py seed_demo` after the town (users and role groups) exists.
Idempotent: everything is looked up by slug, title or name first, and an existing
course is never overwritten (trainers may have edited it). Block ids are derived from
the lesson slug, so the same demo gives the same quiz ids on every machine.

Also recreates what a database flush removes but Wagtail's migrations created once:
the root page, the default site, the default locale and the root collection.
No demo video: a playable WebM/MP4 cannot be produced without an external encoder.
"""

import json
import uuid
from io import BytesIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from courses.models import CourseCatalogue, CoursePage, LessonPage
from courses.services import LEAD_GROUP, TRAINER_GROUP, catalogue_setup_review
from demo.accounts import (
    DEMO_PASSWORD,
    LEAD_TRAINER_USERNAME,
    LOGINS_BY_USERNAME,
    demo_email,
)
from demo.course_texts import COURSES
from demo.images import IMAGES
from lms import roles

CATALOGUE_SLUG = "kurse"
ID_NAMESPACE = uuid.UUID("6f1c1f7e-1d6a-4a1e-9a55-3c2e0b7d4a10")


def seed(*, stdout=None) -> None:
    """Create the catalogue with the four demo courses, the workflow and the rights."""
    with transaction.atomic():
        home = site_root_ensure()
        collection = _ensure_root_collection()
        catalogue = _ensure_catalogue(home)
        catalogue_setup_review(catalogue=catalogue)
        _ensure_lead_user()
        images = {
            key: _ensure_image(title, draw, collection)
            for key, (title, draw) in IMAGES.items()
        }
        documents = {"bau_checkliste_pdf": _ensure_checklist_pdf(collection)}
        created = 0
        for spec in COURSES:
            created += _ensure_course(catalogue, spec, images, documents)
    if stdout:
        stdout.write(
            f"Kurse: {CoursePage.objects.live().count()} Kurse "
            f"({created} neu), {LessonPage.objects.live().count()} Lektionen unter /kurse/."
        )


# --- Wagtail's own ground ---------------------------------------------------------------


def site_root_ensure() -> Page:
    language = settings.LANGUAGE_CODE.split("-")[0]
    Locale.objects.get_or_create(language_code=language)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        if not site.site_name:
            site.site_name = "Lotse"
            site.save(update_fields=["site_name"])
        return site.root_page
    home = root.get_children().first()
    if home is None:
        home = root.add_child(instance=Page(title="Lotse", slug="lotse", live=True))
    site = Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="Lotse",
    )
    return home


def _ensure_root_collection() -> Collection:
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def _ensure_lead_user() -> None:
    User = get_user_model()
    lead = LOGINS_BY_USERNAME[LEAD_TRAINER_USERNAME]
    user, created = User.objects.get_or_create(
        username=lead.username,
        defaults={
            "first_name": lead.first_name,
            "last_name": lead.last_name,
            "email": demo_email(lead.username),
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    employees = roles.GROUP_NAMES[roles.EMPLOYEE]
    groups = Group.objects.filter(name__in=[LEAD_GROUP, TRAINER_GROUP, employees])
    user.groups.add(*groups)


def _ensure_catalogue(home: Page) -> CourseCatalogue:
    catalogue = CourseCatalogue.objects.filter(slug=CATALOGUE_SLUG).first()
    if catalogue is None:
        catalogue = CourseCatalogue(
            title="Kurse",
            slug=CATALOGUE_SLUG,
            intro="<p>Schulungen zu den neuen digitalen Abläufen der Stadtverwaltung. "
            "Lernen Sie in Ihrem Tempo und probieren Sie alles gefahrlos im "
            "Übungsraum aus.</p>",
        )
        home.add_child(instance=catalogue)
        catalogue.save_revision().publish()
    return catalogue


def _ensure_image(title: str, draw, collection: Collection):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        name = uuid.uuid5(ID_NAMESPACE, title).hex[:12]
        image = Image(
            title=title,
            collection=collection,
            file=ImageFile(BytesIO(draw()), name=f"lotse-{name}.png"),
        )
        image.save()
    return image


def _ensure_checklist_pdf(collection: Collection):
    Document = get_document_model()
    title = "Checkliste Bauvorlagen"
    document = Document.objects.filter(title=title).first()
    if document is None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        buffer = BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4)
        pdf.setTitle(title)
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(60, 780, "Stadt Musterstadt – Checkliste Bauvorlagen")
        pdf.setFont("Helvetica", 12)
        items = [
            "Lageplan",
            "Bauzeichnungen (Grundrisse, Schnitte, Ansichten)",
            "Baubeschreibung",
            "Standsicherheitsnachweis",
            "Nachweis der Bauvorlageberechtigung",
            "Eingang bestätigt am: ________",
        ]
        for index, item in enumerate(items):
            pdf.rect(60, 738 - index * 30, 12, 12)
            pdf.drawString(84, 740 - index * 30, item)
        pdf.showPage()
        pdf.save()
        document = Document(
            title=title,
            collection=collection,
            file=ContentFile(buffer.getvalue(), name="checkliste-bauvorlagen.pdf"),
        )
        document.save()
    return document


# --- Courses -------------------------------------------------------------------------------


class _Ids:
    """Deterministic block ids per lesson."""

    def __init__(self, key: str):
        self.key, self.count = key, 0

    def __call__(self) -> str:
        self.count += 1
        return str(uuid.uuid5(ID_NAMESPACE, f"{self.key}:{self.count}"))


def _question(spec: tuple, new_id) -> dict:
    kind = spec[0]
    if kind in ("single", "multiple"):
        _, text, options, explanation = spec
        value = {
            "text": text,
            "options": [
                {
                    "type": "item",
                    "id": new_id(),
                    "value": {"text": option, "correct": correct, "feedback": feedback},
                }
                for option, correct, feedback in options
            ],
            "explanation": explanation,
        }
    elif kind == "true_false":
        _, text, correct, explanation = spec
        value = {
            "text": text,
            "correct": "true" if correct else "false",
            "explanation": explanation,
        }
    elif kind == "ordering":
        _, text, items, explanation = spec
        value = {
            "text": text,
            "explanation": explanation,
            "items": [
                {"type": "item", "id": new_id(), "value": item} for item in items
            ],
        }
    else:
        _, text, answer, tolerance, unit, explanation = spec
        value = {
            "text": text,
            "answer": answer,
            "tolerance": tolerance,
            "unit": unit,
            "explanation": explanation,
        }
    return {"type": kind, "value": value, "id": new_id()}


def _block(spec: tuple, new_id, images: dict, documents: dict) -> dict:
    kind = spec[0]
    if kind == "heading":
        return {"type": "heading", "value": {"text": spec[1], "level": "h2"}}
    if kind == "text":
        return {"type": "text", "value": spec[1]}
    if kind == "image":
        _, key, alt, caption = spec
        return {
            "type": "image",
            "value": {"image": images[key].pk, "alt_text": alt, "caption": caption},
        }
    if kind == "callout":
        _, callout_kind, title, text = spec
        return {
            "type": "callout",
            "value": {"kind": callout_kind, "title": title, "text": text},
        }
    if kind == "steps":
        _, title, intro, steps = spec
        return {
            "type": "steps",
            "value": {
                "title": title,
                "intro": intro,
                "steps": [
                    {
                        "type": "item",
                        "id": new_id(),
                        "value": {
                            "text": text,
                            "screenshot": images[key].pk if key else None,
                            "screenshot_alt": alt,
                        },
                    }
                    for text, key, alt in steps
                ],
            },
        }
    if kind == "document":
        _, key, title, description = spec
        return {
            "type": "document",
            "value": {
                "document": documents[key].pk,
                "title": title,
                "description": description,
            },
        }
    if kind == "quiz":
        _, title, intro, questions = spec
        return {
            "type": "quiz",
            "value": {
                "title": title,
                "intro": intro,
                "questions": [_question(question, new_id) for question in questions],
            },
        }
    if kind == "sandbox":
        _, title, description, process_id, case_id, mode = spec
        return {
            "type": "sandbox_exercise",
            "value": {
                "title": title,
                "description": description,
                "process_id": process_id,
                "case_id": case_id,
                "mode": mode,
            },
        }
    if kind == "ack":
        _, title, text, statement = spec
        return {
            "type": "acknowledgement",
            "value": {"title": title, "text": text, "statement": statement},
        }
    raise ValueError(f"Unbekannter Block in den Demo-Inhalten: {kind}")


def lesson_body(
    lesson_slug: str, blocks: list[tuple], images: dict, documents: dict
) -> list:
    """Raw StreamField data for a lesson, with deterministic block ids."""
    new_id = _Ids(lesson_slug)
    body = []
    for spec in blocks:
        block = _block(spec, new_id, images, documents)
        block["id"] = new_id()
        body.append(block)
    return body


def _ensure_course(catalogue, spec: dict, images: dict, documents: dict) -> int:
    if CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).exists():
        return 0
    course = CoursePage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        goals=spec["goals"],
        target_group=spec["target_group"],
        estimated_minutes=spec["minutes"],
        initiative=spec["initiative"],
        is_mandatory_hint=spec["mandatory"],
        certificate_validity_months=spec["validity"],
        cover_image=images[spec["cover"]],
        cover_image_alt=spec["cover_alt"],
    )
    catalogue.add_child(instance=course)
    course.save_revision().publish()
    for lesson_spec in spec["lessons"]:
        lesson = LessonPage(
            title=lesson_spec["title"],
            slug=lesson_spec["slug"],
            summary=lesson_spec["summary"],
            estimated_minutes=lesson_spec["minutes"],
            body=json.dumps(
                lesson_body(
                    f"{spec['slug']}/{lesson_spec['slug']}",
                    lesson_spec["body"],
                    images,
                    documents,
                ),
                cls=DjangoJSONEncoder,
            ),
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return 1
