"""The compliance pages: who has done which mandatory training, filtered and sorted,
its exports (CSV, XLSX) and reminders for the overdue people of a filter.

Compliance records only (enrolled, due, completed, certificate validity): the
training admin sees every unit, a head the units they lead with everything below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from lms.compliance_xlsx import compliance_xlsx
from lms.csv_export import compliance_csv_write
from lms.selectors.compliance import (
    COMPLIANCE_LABELS,
    NOT_COMPLIANT_OVERDUE,
    SORTS,
    STATUS_PARAMS,
    can_view_compliance,
    compliance_filtered,
    compliance_rows,
    compliance_status,
    compliance_summary,
    compliance_unit_scope,
    compliance_units,
    mandatory_course_outlines,
)
from lms.selectors.content import CourseOutline
from lms.selectors.org import org_subtree_ids
from lms.services.reminders import reminders_send_overdue

PAGE_SIZE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class ComplianceFilter:
    """What the query string asks for, limited to what the viewer may see."""

    scope: set[int] | None  # the viewer's units (None: every unit)
    outlines: list[CourseOutline]
    course: CourseOutline | None
    unit_code: str
    unit_ids: set[int] | None  # scope narrowed to the chosen unit's subtree
    status_param: str
    query: str
    sort: str
    descending: bool
    today: dt.date

    @property
    def status(self) -> str:
        return STATUS_PARAMS.get(self.status_param, "")

    def params(self, **changes) -> dict[str, str]:
        values = {
            "kurs": str(self.course.id) if self.course else "",
            "einheit": self.unit_code,
            "status": self.status_param,
            "q": self.query,
            "sortierung": ("-" if self.descending else "") + self.sort,
        }
        values.update(changes)
        if values["sortierung"] == "name":
            values["sortierung"] = ""  # the default
        return {k: v for k, v in values.items() if v}

    def query_string(self, **changes) -> str:
        return urlencode(self.params(**changes))

    def rows(self):
        """The people of the chosen course matching the filter, sorted."""
        assert self.course is not None
        rows = compliance_rows(
            course_id=self.course.id, unit_ids=self.unit_ids, today=self.today
        )
        return compliance_filtered(
            rows,
            today=self.today,
            status=self.status,
            query=self.query,
            sort=self.sort,
            descending=self.descending,
        )

    def overdue_ids(self) -> list[int]:
        """Enrolment ids of the overdue people of this filter (any status asked)."""
        assert self.course is not None
        rows = compliance_rows(
            course_id=self.course.id, unit_ids=self.unit_ids, today=self.today
        )
        rows = compliance_filtered(
            rows, today=self.today, status=NOT_COMPLIANT_OVERDUE, query=self.query
        )
        return list(rows.values_list("id", flat=True))


def _filter(request, data) -> ComplianceFilter:
    if not can_view_compliance(request.user):
        raise PermissionDenied
    scope = compliance_unit_scope(request.user)
    outlines = mandatory_course_outlines(scope)
    wanted = data.get("kurs", "")
    course = next((o for o in outlines if str(o.id) == wanted), None)
    if course is None and outlines:
        course = outlines[0]
    unit_code = data.get("einheit", "")[:40]
    unit_ids = scope
    unit = compliance_units(scope).filter(code=unit_code).first() if unit_code else None
    if unit is not None:
        subtree = org_subtree_ids([unit.pk])
        unit_ids = subtree if scope is None else subtree & scope
    sort_param = data.get("sortierung", "name")
    descending = sort_param.startswith("-")
    sort = sort_param.lstrip("-")
    if sort not in SORTS:
        sort, descending = "name", False
    status_param = data.get("status", "")
    return ComplianceFilter(
        scope=scope,
        outlines=outlines,
        course=course,
        unit_code=unit.code if unit else "",
        unit_ids=unit_ids,
        status_param=status_param if status_param in STATUS_PARAMS else "",
        query=" ".join(data.get("q", "").split())[:100],
        sort=sort,
        descending=descending,
        today=timezone.localdate(),
    )


def _sort_links(flt: ComplianceFilter) -> dict[str, dict]:
    """Per column: the link that sorts by it (reversed when it is the sort now)."""
    links = {}
    for key in SORTS:
        current = key == flt.sort
        descending = current and not flt.descending
        links[key] = {
            "url": "?" + flt.query_string(sortierung=("-" if descending else "") + key),
            "aria": ("descending" if flt.descending else "ascending")
            if current
            else "",
        }
    return links


@login_required
@require_GET
def compliance_view(request):
    """Who has done which mandatory training (compliance records only, no scores)."""
    flt = _filter(request, request.GET)
    summaries = {
        o.id: compliance_summary(course_id=o.id, unit_ids=flt.unit_ids, today=flt.today)
        for o in flt.outlines
    }
    units = compliance_units(flt.scope)
    context = {
        "filter": flt,
        "outlines": flt.outlines,
        "overview": [
            (o, summaries[o.id], "?" + flt.query_string(kurs=str(o.id)))
            for o in flt.outlines
        ],
        "course": flt.course,
        "labels": COMPLIANCE_LABELS,
        "units": units,
        "status_options": [
            ("offen", COMPLIANCE_LABELS["open"]),
            ("ueberfaellig", COMPLIANCE_LABELS["overdue"]),
            ("erfuellt", COMPLIANCE_LABELS["compliant"]),
        ],
        "sort_links": _sort_links(flt),
    }
    if flt.course is not None:
        rows = flt.rows()
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
        context.update(
            page_obj=page,
            extra_query=flt.query_string(),
            rows=[(r, compliance_status(r, today=flt.today)) for r in page],
            summary=summaries[flt.course.id],
            matching=page.paginator.count,
            overdue_count=len(flt.overdue_ids()),
            export_query=flt.query_string(),
        )
    return render(request, "lms/learning/compliance.html", context)


def _download_name(flt: ComplianceFilter, extension: str) -> str:
    slug = flt.course.info.slug if flt.course else "keine"
    return f'attachment; filename="nachweise-{slug}-{flt.today:%Y-%m-%d}.{extension}"'


@login_required
@require_GET
def compliance_csv_view(request):
    """The filtered list as one table for German Excel: `;`, UTF-8 with BOM."""
    flt = _filter(request, request.GET)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _download_name(flt, "csv")
    rows = flt.rows().iterator(chunk_size=500) if flt.course else []
    compliance_csv_write(
        response,
        course_title=flt.course.info.title if flt.course else None,
        rows=rows,
        today=flt.today,
    )
    return response


@login_required
@require_GET
def compliance_xlsx_view(request):
    """The filtered list as a workbook: the people, and a sheet of shares per course."""
    flt = _filter(request, request.GET)
    summaries = [
        (
            o.info.title,
            compliance_summary(course_id=o.id, unit_ids=flt.unit_ids, today=flt.today),
        )
        for o in flt.outlines
    ]
    rows = flt.rows().iterator(chunk_size=500) if flt.course else []
    response = HttpResponse(
        compliance_xlsx(
            course_title=flt.course.info.title if flt.course else None,
            rows=rows,
            summaries=summaries,
            today=flt.today,
        ),
        content_type=XLSX_TYPE,
    )
    response["Content-Disposition"] = _download_name(flt, "xlsx")
    return response


@login_required
@require_http_methods(["GET", "POST"])
def compliance_remind_view(request):
    """GET asks for confirmation; POST reminds the overdue people of the filter."""
    data = request.POST if request.method == "POST" else request.GET
    flt = _filter(request, data)
    back = reverse("learning:compliance") + "?" + flt.query_string()
    if flt.course is None:
        return redirect(back)
    enrolment_ids = flt.overdue_ids()
    if request.method == "POST":
        result = reminders_send_overdue(enrolment_ids=enrolment_ids)
        text = ngettext(
            "%(n)d Erinnerung ist verschickt.",
            "%(n)d Erinnerungen sind verschickt.",
            result.sent,
        ) % {"n": result.sent}
        if result.skipped:
            text += " " + ngettext(
                "%(n)d Person wurde heute schon erinnert und bekommt keine weitere.",
                "%(n)d Personen wurden heute schon erinnert und bekommen keine "
                "weitere.",
                result.skipped,
            ) % {"n": result.skipped}
        messages.success(request, text)
        return redirect(back)
    people = compliance_filtered(
        compliance_rows(
            course_id=flt.course.id, unit_ids=flt.unit_ids, today=flt.today
        ),
        today=flt.today,
        status=NOT_COMPLIANT_OVERDUE,
        query=flt.query,
    )
    return render(
        request,
        "lms/learning/compliance_remind.html",
        {
            "filter": flt,
            "course": flt.course,
            "people": people,
            "count": len(enrolment_ids),
            "hidden": flt.params(),
            "back": back,
        },
    )
