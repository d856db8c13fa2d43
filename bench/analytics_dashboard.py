"""Benchmark: readiness recompute and dashboard responses at data-centre scale.

Run as ``python bench/analytics_dashboard.py [SCALE]`` (uses DATABASE_URL, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/lotse_bench``; a throw-away
database is created and dropped). SCALE 1.0 is the data centre of the issue:
25,000 staff in 500 org units of 50 towns, 40 courses, about 1,000,000 lesson
progress rows, 200,000 quiz attempts, 100,000 sandbox run outcomes (as readiness
evidence), 50,000 survey answers and two years of weekly adoption figures. A
smaller SCALE (e.g. 0.05) shrinks every count; ``BENCH_ANALYTICS_SCALE`` works too.

The data set is built twice: at SCALE/2 and at SCALE. For each size it prints the
recompute time (set-based), the dashboard's response time p50/p95 (training admin,
all units, from snapshots), its number of queries (must be equal at both sizes),
and a trivial view (the login page) measured in the same run as the baseline.

Targets: recompute < 60 s and dashboard p95 < 300 ms at SCALE 1.0.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ.setdefault("LOTSE_LOG_LEVEL", "WARNING")
os.environ["CELERY_BROKER_URL"] = "memory://"
os.environ["CELERY_RESULT_BACKEND"] = "cache+memory://"

TOWNS, UNITS_PER_TOWN, STAFF, COURSES = 50, 10, 25_000, 40
PROCESSES = ["hund_anmelden", "personalausweis", "bauantrag"]
REQUESTS = 30
print = functools.partial(print, flush=True)  # noqa: A001 (progress while it runs)


def main() -> int:
    import django

    django.setup()
    from bench.support.database import throwaway_database

    scale = float(
        sys.argv[1]
        if len(sys.argv) > 1
        else os.environ.get("BENCH_ANALYTICS_SCALE", "1")
    )
    with throwaway_database() as (vendor, database):
        return run_benchmark(vendor, database, scale)


def _content() -> dict[str, int]:
    """The demo's courses and sandboxes (real Wagtail pages), by slug."""
    from demo import courses, sandboxes
    from lms.selectors import content

    sandboxes.seed()
    courses.seed()
    slugs = {}
    for course_id in content.course_ids_live():
        outline = content.course_outline(course_id)
        if outline is not None:
            slugs[outline.info.slug] = course_id
    return slugs


def _grow(*, towns: range, staff_per_unit: int, slugs: dict[str, int], rng) -> int:
    """Add towns with units, staff and their learning history; returns people."""
    from django.contrib.auth import get_user_model

    from analytics.models import AdoptionFigure, ReadinessEvidence
    from courses import selectors as course_content
    from lms.models import Enrolment, LessonProgress, OrgUnit, QuizAttempt, StaffProfile

    user_model = get_user_model()
    now = dt.datetime.now(dt.UTC)
    process_courses = [
        slugs["hund-anmelden-digital"],
        slugs["personalausweis-digital"],
        slugs["bauantrag-digital-pruefen"],
    ]
    lessons = {
        c: [lesson.id for lesson in course_content.lessons_of_course(c)]
        for c in process_courses
    }
    quizzes = {c: course_content.quizzes_of_course(c) for c in process_courses}
    other_courses = [10_000 + n for n in range(COURSES - len(process_courses))]
    people = 0
    for town in towns:
        root = OrgUnit.objects.create(code=f"stadt-{town}", name=f"Stadt {town}")
        units = [root] + OrgUnit.objects.bulk_create(
            [
                OrgUnit(
                    code=f"s{town}-amt-{n}", name=f"Amt {n} (Stadt {town})", parent=root
                )
                for n in range(UNITS_PER_TOWN - 1)
            ]
        )
        users = user_model.objects.bulk_create(
            [
                user_model(
                    username=f"s{town}-p{n}",
                    password="!",
                    first_name="B",
                    last_name=f"P{n}",
                )
                for n in range(staff_per_unit * len(units))
            ]
        )
        StaffProfile.objects.bulk_create(
            [
                StaffProfile(
                    user=user,
                    personnel_number=f"S{town}-{n}",
                    org_unit=units[n % len(units)],
                )
                for n, user in enumerate(users)
            ]
        )
        enrolments = Enrolment.objects.bulk_create(
            [
                Enrolment(
                    user=user,
                    course_id=course_id,
                    source=Enrolment.SOURCE_RULE,
                    assigned_at=now,
                )
                for user in users
                for course_id in process_courses + rng.sample(other_courses, 5)
            ],
            batch_size=5000,
        )
        progress, attempts = [], []
        for enrolment in enrolments:
            course_lessons = lessons.get(enrolment.course_id) or [
                enrolment.course_id * 10 + k for k in range(5)
            ]
            for lesson_id in course_lessons[: rng.randint(0, len(course_lessons))]:
                progress.append(
                    LessonProgress(
                        enrolment=enrolment, lesson_id=lesson_id, completed_at=now
                    )
                )
            for lesson_id, block_id in quizzes.get(enrolment.course_id, [(0, "q")]):
                if rng.random() < 0.9:
                    attempts.append(
                        QuizAttempt(
                            enrolment=enrolment,
                            lesson_id=lesson_id,
                            block_id=block_id,
                            number=1,
                            answers={},
                            answers_digest="x",
                            score=rng.randint(40, 100),
                            passed=True,
                            feedback={},
                            created_at=now,
                        )
                    )
        LessonProgress.objects.bulk_create(progress, batch_size=10_000)
        QuizAttempt.objects.bulk_create(attempts, batch_size=10_000)
        evidence = []
        for user in users:
            for process_id in PROCESSES:
                if rng.random() < 0.45:
                    recent = [rng.random() < 0.6 for _ in range(3)]
                    evidence.append(
                        ReadinessEvidence(
                            user=user,
                            process_id=process_id,
                            recent=recent,
                            clean_runs=sum(recent),
                            passed_ever=any(recent),
                            last_run_at=now,
                        )
                    )
        ReadinessEvidence.objects.bulk_create(evidence, batch_size=10_000)
        monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
        figures = []
        for unit in units[1:]:
            for process_id in PROCESSES:
                for weeks_ago in range(1, 105):
                    start = monday - dt.timedelta(weeks=weeks_ago)
                    year, week, _ = start.isocalendar()
                    total = rng.randint(5, 50)
                    figures.append(
                        AdoptionFigure(
                            org_unit=unit,
                            process_id=process_id,
                            week=f"{year}-W{week:02d}",
                            week_start=start,
                            digital=rng.randint(0, total),
                            total=total,
                        )
                    )
        AdoptionFigure.objects.bulk_create(figures, batch_size=10_000)
        _survey(users, units, rng)
        people += len(users)
    return people


def _survey(users, units, rng) -> None:
    from analytics.models import SurveyAnswer, SurveyWave
    from analytics.services.surveys import survey_pseudonym

    answers = []
    for wave in SurveyWave.objects.all():
        for n, user in enumerate(users):
            if rng.random() < 0.67:
                answers.append(
                    SurveyAnswer(
                        wave=wave,
                        pseudonym=survey_pseudonym(wave.pk, user.pk),
                        org_unit=units[n % len(units)],
                        awareness=rng.randint(1, 5),
                        desire=rng.randint(1, 5),
                        knowledge=rng.randint(1, 5),
                        ability=rng.randint(1, 5),
                        reinforcement=rng.randint(1, 5),
                        answered_on=dt.date.today(),
                    )
                )
    SurveyAnswer.objects.bulk_create(answers, batch_size=10_000)


def _initiatives(slugs: dict[str, int]) -> None:
    from analytics.models import Initiative, SurveyWave

    today = dt.date.today()
    for title, process_id, slug in [
        ("Hund anmelden – digital", "hund_anmelden", "hund-anmelden-digital"),
        ("Personalausweis digital", "personalausweis", "personalausweis-digital"),
        ("Bauantrag digital", "bauantrag", "bauantrag-digital-pruefen"),
    ]:
        initiative = Initiative.objects.create(
            title=title,
            go_live=today - dt.timedelta(days=365),
            process_ids=[process_id],
            course_ids=[slugs[slug]],
        )
        SurveyWave.objects.create(
            initiative=initiative,
            title=title,
            opens_on=today - dt.timedelta(days=5),
            closes_on=today + dt.timedelta(days=5),
        )


def _cover_all_towns() -> None:
    from analytics.models import Initiative
    from lms.models import OrgUnit

    roots = list(OrgUnit.objects.filter(parent__isnull=True))
    for initiative in Initiative.objects.all():
        initiative.org_units.set(roots)


def _measure(client, url: str) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: plotly's validators, template cache
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(queries)


def run_benchmark(vendor: str, database: str, scale: float) -> int:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from analytics.services.recompute import readiness_recompute
    from lms import roles
    from lms.models import LessonProgress, QuizAttempt
    from lms.services.org import user_set_roles

    print(f"Datenbank: {vendor} ({database}), Maßstab {scale}")
    rng = random.Random(7)
    slugs = _content()
    _initiatives(slugs)
    towns = max(2, round(TOWNS * scale))
    staff_per_unit = max(5, round(STAFF / (TOWNS * UNITS_PER_TOWN)))
    admin = get_user_model().objects.create(username="bench-admin", password="!")
    user_set_roles(user=admin, role_names={roles.TRAINING_ADMIN})
    client = Client()
    client.force_login(admin)
    results = []
    grown = 0
    for label, target_towns in (("halb", towns // 2), ("voll", towns)):
        start = time.perf_counter()
        _grow(
            towns=range(grown, target_towns),
            staff_per_unit=staff_per_unit,
            slugs=slugs,
            rng=rng,
        )
        grown = target_towns
        _cover_all_towns()
        build = time.perf_counter() - start
        start = time.perf_counter()
        outcome = readiness_recompute()
        recompute = time.perf_counter() - start
        dash = _measure(client, "/auswertungen/")
        api = _measure(client, "/api/v1/analytics/readiness/?process=hund_anmelden")
        trivial = _measure(Client(), "/konto/anmelden/")
        results.append((label, outcome["people"], dash[2], api[2]))
        print(
            f"[{label}] {target_towns} Städte, {target_towns * UNITS_PER_TOWN} Einheiten, "
            f"{outcome['people']} Personen×Prozess, "
            f"{LessonProgress.objects.count()} Lernfortschritte, "
            f"{QuizAttempt.objects.count()} Quizversuche (Aufbau {build:.1f} s)"
        )
        print(f"  Neuberechnung: {recompute:.2f} s")
        print(
            f"  Dashboard:  p50 {dash[0]:.0f} ms, p95 {dash[1]:.0f} ms, {dash[2]} Abfragen"
        )
        print(
            f"  API:        p50 {api[0]:.0f} ms, p95 {api[1]:.0f} ms, {api[2]} Abfragen"
        )
        print(
            f"  trivial:    p50 {trivial[0]:.1f} ms (Anmeldeseite); Dashboard/trivial = {dash[0] / trivial[0]:.1f}"
        )
    same = results[0][2] == results[1][2] and results[0][3] == results[1][3]
    print("Abfragen je Anfrage gleich bei beiden Größen:", "ja" if same else "NEIN")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
