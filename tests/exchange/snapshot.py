"""What a person would compare between two installations: a course's content with
every database id replaced by what it stands for (file checksums, titles)."""

import hashlib
import json

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from courses.models import CoursePage, LessonPage
from exchange.packages import streams
from exchange.packages.richtext import page_link_ids
from sandbox.models import ProcessPackage


def _file_sha(field_file) -> str:
    with field_file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _reference(kind, value, where):
    model = {
        streams.IMAGE: get_image_model(),
        streams.DOCUMENT: get_document_model(),
        streams.VIDEO: get_media_model(),
    }[kind]
    item = model.objects.get(pk=value)
    return {"title": item.title, "sha256": _file_sha(item.file)}


def _rich_text(html, where):
    titles = {
        str(page.pk): page.title
        for page in LessonPage.objects.filter(pk__in=page_link_ids(html))
    }
    for old, title in titles.items():
        html = html.replace(f'id="{old}"', f'id="{title}"')
    return html


def course_snapshot(slug: str) -> dict:
    course = CoursePage.objects.get(slug=slug)
    stream_block = LessonPage._meta.get_field("body").stream_block
    visitor = streams.Visitor(reference=_reference, rich_text=_rich_text)
    lessons = []
    process_ids = set()
    for lesson in LessonPage.objects.child_of(course).order_by("path"):
        body = streams.walk(stream_block, list(lesson.body.raw_data), visitor, "")
        for block in body:
            if block["type"] == "sandbox_exercise":
                process_ids.add(block["value"]["process_id"])
        lessons.append(
            {
                "title": lesson.title,
                "slug": lesson.slug,
                "summary": lesson.summary,
                "estimated_minutes": lesson.estimated_minutes,
                "body": body,
            }
        )
    processes = {}
    for process_id in sorted(process_ids):
        package = ProcessPackage.objects.filter(
            process_id=process_id, status=ProcessPackage.Status.LIVE
        ).first()
        processes[process_id] = (
            package
            and hashlib.sha256(
                (package.bpmn + package.dmn + package.sandbox_json).encode()
            ).hexdigest()
        )
    return {
        "course": {
            "title": course.title,
            "summary": course.summary,
            "goals": course.goals,
            "pass_mark": course.pass_mark,
            "initiative": course.initiative,
            "cover_image": course.cover_image_id
            and _reference(streams.IMAGE, course.cover_image_id, ""),
        },
        "lessons": lessons,
        "processes": processes,
    }


def print_snapshot(slug: str) -> None:
    print(json.dumps(course_snapshot(slug), sort_keys=True, ensure_ascii=False))
