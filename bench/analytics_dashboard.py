"""Benchmark: readiness recompute and dashboard responses at data-centre scale.

Run as ``python bench/analytics_dashboard.py [SCALE]`` (uses DATABASE_URL, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/lotse_bench``; a throw-away
database is created and dropped). SCALE 1.0 is the data centre of the issue:
25,000 staff in 500 org units of 50 towns, 40 courses, about 1,000,000 lesson
progress rows, 200,000 quiz attempts, 100,000 finished sandbox runs (and the
readiness evidence kept from them), 50,000 survey answers and two years of weekly
adoption figures. A smaller SCALE (e.g. 0.05) shrinks every count;
``BENCH_ANALYTICS_SCALE`` works too. The big tables are filled inside PostgreSQL
(INSERT … SELECT over generate_series), so building SCALE 1.0 takes minutes.

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
# The 37 courses besides the three of the initiatives: 14 lessons, a quiz in the first.
OTHER_COURSES = [10_000 + n for n in range(COURSES - 3)]
OTHER_COURSE_LESSONS = 14
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
    """Add towns with units, staff and their learning history; returns people.

    Units, people and survey answers (keyed pseudonyms) are made in Python with
    big bulk inserts; the million-row tables are filled inside PostgreSQL with
    INSERT … SELECT over the new people (random() seeded per run).
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from courses import selectors as course_content
    from lms.models import OrgUnit, StaffProfile

    user_model = get_user_model()
    process_courses = [
        slugs["hund-anmelden-digital"],
        slugs["personalausweis-digital"],
        slugs["bauantrag-digital-pruefen"],
    ]
    # course id, lesson id, position, quiz block id or "" — real lessons and
    # quizzes for the three courses of the initiatives, made-up ids for the rest.
    lessons: list[tuple[int, int, int, str]] = []
    for course_id in process_courses:
        quizzes = dict(course_content.quizzes_of_course(course_id))
        for position, lesson in enumerate(course_content.lessons_of_course(course_id)):
            lessons.append((course_id, lesson.id, position, quizzes.get(lesson.id, "")))
    for course_id in OTHER_COURSES:
        for position in range(OTHER_COURSE_LESSONS):
            lessons.append(
                (course_id, course_id * 100 + position, position, "q" * (position == 0))
            )
    units = []
    for town in towns:
        root = OrgUnit.objects.create(code=f"stadt-{town}", name=f"Stadt {town}")
        units += [root] + OrgUnit.objects.bulk_create(
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
                username=f"u{unit.pk}-p{n}",
                password="!",
                first_name="B",
                last_name=f"P{n}",
            )
            for unit in units
            for n in range(staff_per_unit)
        ],
        batch_size=5000,
    )
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user=user,
                personnel_number=f"P{user.pk}",
                org_unit=units[n // staff_per_unit],
            )
            for n, user in enumerate(users)
        ],
        batch_size=5000,
    )
    first, last = users[0].pk, users[-1].pk
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [rng.random()])
        cursor.execute(
            "CREATE TEMP TABLE bench_lessons (course_id int, lesson_id int,"
            " position int, quiz text) ON COMMIT DROP"
        )
        cursor.executemany("INSERT INTO bench_lessons VALUES (%s, %s, %s, %s)", lessons)
        for sql in GROW_SQL:
            cursor.execute(
                sql,
                {
                    "first": first,
                    "last": last,
                    "courses": process_courses,
                    "others": len(OTHER_COURSES),
                    "other_base": OTHER_COURSES[0],
                    "unit_ids": [unit.pk for unit in units if unit.parent_id],
                    "processes": PROCESSES,
                },
            )
    _survey(users, units, staff_per_unit, rng)
    return len(users)


# Every statement works on the people with ids first..last (this step's towns).
GROW_SQL = [
    # Eight current, rule-assigned enrolments per person: the three courses of
    # the initiatives and five of the other 37 (distinct: 13 is prime to 37).
    """
    INSERT INTO lms_enrolment (user_id, course_id, cycle, is_current, source, assigned_at)
    SELECT u.id, c.course_id, 1, true, 'rule', now()
    FROM auth_user u
    CROSS JOIN LATERAL (
        SELECT unnest(%(courses)s::int[]) AS course_id
        UNION ALL
        SELECT %(other_base)s + (u.id * 7 + k * 13) %% %(others)s
        FROM generate_series(0, 4) AS k
    ) c
    WHERE u.id BETWEEN %(first)s AND %(last)s
    """,
    # Each enrolment has done its first 0..all lessons (random() in the select
    # list of a subquery kept apart by OFFSET 0: drawn once per enrolment).
    """
    INSERT INTO lms_lessonprogress (enrolment_id, lesson_id, completed_at)
    SELECT e.id, l.lesson_id, now() - interval '1 day' * floor(random() * 300)
    FROM (
        SELECT e.id, e.course_id, floor(random() * (n.lessons + 1)) AS done
        FROM lms_enrolment e
        JOIN (SELECT course_id, count(*) AS lessons FROM bench_lessons
              GROUP BY course_id) n ON n.course_id = e.course_id
        WHERE e.user_id BETWEEN %(first)s AND %(last)s
        OFFSET 0
    ) e
    JOIN bench_lessons l ON l.course_id = e.course_id AND l.position < e.done
    """,
    # One attempt at every quiz of an enrolment (eight per person).
    """
    INSERT INTO lms_quizattempt (enrolment_id, lesson_id, block_id, number, answers,
        answers_digest, score, passed, feedback, created_at)
    SELECT id, lesson_id, quiz, 1, '{}', 'x', score, score >= 80, '{}', now()
    FROM (
        SELECT e.id, l.lesson_id, l.quiz, 40 + floor(random() * 61)::int AS score
        FROM lms_enrolment e
        JOIN bench_lessons l ON l.course_id = e.course_id AND l.quiz <> ''
        WHERE e.user_id BETWEEN %(first)s AND %(last)s
        OFFSET 0
    ) a
    """,
    # Three finished sandbox runs for 45 % of people and processes (100,000 at
    # SCALE 1.0): passed in 60 %, one in ten with two hints.
    """
    INSERT INTO sandbox_sandboxrun (id, user_id, package_id, process_id, version,
        case_id, mode, lanes, status, state, steps, hints, feedback, score, passed,
        end_event, findings, preview, created_at, updated_at, finished_at)
    SELECT gen_random_uuid(), r.user_id, pkg.id, pkg.process_id, pkg.version,
        pkg.sandbox_json::jsonb #>> '{cases,0,id}', 'practice', '[]', 'finished', '', '[]',
        CASE WHEN r.draw < 0.1 THEN '["a", "b"]'::jsonb ELSE '[]'::jsonb END,
        '[]', CASE WHEN r.passed THEN 90 ELSE 50 END, r.passed, '', '[]', false,
        r.at, r.at, r.at
    FROM (
        SELECT p.user_id, p.process_id, random() < 0.6 AS passed, random() AS draw,
               now() - interval '1 hour' * (n * 24 + floor(random() * 20)) AS at
        FROM (
            SELECT u.id AS user_id, process_id
            FROM auth_user u CROSS JOIN unnest(%(processes)s::text[]) AS process_id
            WHERE u.id BETWEEN %(first)s AND %(last)s AND random() < 0.45
        ) p
        CROSS JOIN generate_series(1, 3) AS n
        OFFSET 0
    ) r
    JOIN sandbox_processpackage pkg
        ON pkg.process_id = r.process_id AND pkg.status = 'live'
    """,
    # The readiness evidence of those runs (what the recompute reads).
    """
    INSERT INTO analytics_readinessevidence (user_id, process_id, recent, clean_runs,
        passed_ever, last_run_at)
    SELECT user_id, process_id, jsonb_agg(clean ORDER BY finished_at DESC),
        count(*) FILTER (WHERE clean), bool_or(passed), max(finished_at)
    FROM (
        SELECT user_id, process_id, passed, finished_at,
               passed AND jsonb_array_length(hints) <= 1 AS clean
        FROM sandbox_sandboxrun
        WHERE user_id BETWEEN %(first)s AND %(last)s
    ) r
    GROUP BY user_id, process_id
    """,
    # Two years of weekly figures per unit (not the towns) and process.
    """
    INSERT INTO analytics_adoptionfigure (org_unit_id, process_id, week, week_start,
        digital, total, reported_at)
    SELECT unit_id, process_id, to_char(start, 'IYYY-"W"IW'), start,
        floor(random() * (total + 1)), total, now()
    FROM (
        SELECT unit_id, process_id, w.start, 5 + floor(random() * 46)::int AS total
        FROM unnest(%(unit_ids)s::int[]) AS unit_id
        CROSS JOIN unnest(%(processes)s::text[]) AS process_id
        CROSS JOIN (
            SELECT (date_trunc('week', now()) - interval '1 week' * k)::date AS start
            FROM generate_series(1, 104) AS k
        ) w
        OFFSET 0
    ) f
    """,
]


def _survey(users, units, staff_per_unit: int, rng) -> None:
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
                        org_unit=units[n // staff_per_unit],
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


def _measure(client, url: str) -> tuple[float, float, int, float]:
    """p50, p95 and queries of repeated requests, and the time of the first one
    (the dashboard renders its charts then, and serves them from the cache after)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    client.get(url)  # warm: template cache; the dashboard's charts for this data
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    return statistics.median(times), p95, len(queries), first


def run_benchmark(vendor: str, database: str, scale: float) -> int:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from analytics.models import AdoptionFigure, SurveyAnswer
    from analytics.services.recompute import readiness_recompute
    from lms import roles
    from lms.models import LessonProgress, QuizAttempt
    from lms.services.org import user_set_roles
    from sandbox.models import SandboxRun

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
        print(
            f"  {SandboxRun.objects.count()} Übungsdurchläufe, "
            f"{SurveyAnswer.objects.count()} Befragungsantworten, "
            f"{AdoptionFigure.objects.count()} Wochenzahlen"
        )
        print(f"  Neuberechnung: {recompute:.2f} s")
        print(
            f"  Dashboard:  p50 {dash[0]:.0f} ms, p95 {dash[1]:.0f} ms, {dash[2]} Abfragen;"
            f" erster Aufruf nach der Neuberechnung {dash[3]:.0f} ms"
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
