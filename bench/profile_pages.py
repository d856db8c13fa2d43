"""Where a page's time goes: CPU, queries and Redis round trips per request, in-process.

Run as ``python bench/profile_pages.py [--profile PAGE]`` with ``DATABASE_URL``
(PostgreSQL) and ``BENCH_REDIS_URL`` (a Redis database of its own: flushed). It
uses production settings (DEBUG off, Redis cache, cached sessions, hashed static
files), seeds the demo town into ``<database>_profile`` once (kept between runs:
``--reseed`` starts afresh) and requests each learner page through Django's test
client as the demo employee. CPU milliseconds are the process's own time, so
they hardly depend on what else runs on the machine; ``--profile`` prints a
cProfile of one page by CPU time (its name as in the table).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REQUESTS = int(os.environ.get("BENCH_PROFILE_REQUESTS", "60"))


def _configure() -> None:
    from bench.support.stack import DEFAULT_REDIS

    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    database = os.environ["DATABASE_URL"].rstrip("/")
    static_root = Path(tempfile.gettempdir()) / "lotse-profile-static"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        # BENCH_PROFILE_DATABASE_URL: a database of one's own, used as it is.
        DATABASE_URL=os.environ.get(
            "BENCH_PROFILE_DATABASE_URL", database + "_profile"
        ),
        CACHE_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        DJANGO_STATIC_ROOT=str(static_root),
        LOTSE_BASE_URL="http://testserver",
        LOTSE_LOG_LEVEL="WARNING",
    )
    # Every time: a static file added since the last run needs its hashed name.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        check=True,
    )


def _database(reseed: bool) -> None:
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    admin = psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )
    exists = admin.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]
    ).fetchone()
    if exists and not reseed:
        return
    if exists:
        admin.execute(f'DROP DATABASE "{db["NAME"]}"')
    admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    env.pop("DJANGO_SECRET_KEY")
    for command in (["migrate", "--noinput", "-v0"], ["seed_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


class RedisCalls:
    """Counts commands sent to Redis (a pipeline or MGET counts once)."""

    def __init__(self) -> None:
        self.count = 0
        self.commands: list[str] = []  # the start of each, for reading

    def __enter__(self) -> RedisCalls:
        from redis.connection import AbstractConnection

        self._original = AbstractConnection.send_packed_command
        original = self._original

        def counting(connection, command, check_health=True):
            self.count += 1
            packed = command if isinstance(command, bytes) else b"".join(command)
            self.commands.append(packed[:160].decode("utf-8", "replace"))
            return original(connection, command, check_health)

        AbstractConnection.send_packed_command = counting
        return self

    def __exit__(self, *exc) -> None:
        from redis.connection import AbstractConnection

        AbstractConnection.send_packed_command = self._original


def pages() -> list[tuple[str, str]]:
    from courses.models import CoursePage, LessonPage

    course = CoursePage.objects.live().order_by("path").first()
    lesson = next(
        page
        for page in LessonPage.objects.live().order_by("path")
        if any(block.block_type == "quiz" for block in page.body)
    )
    return [
        ("/healthz/live", "/healthz/live"),
        ("/", "/"),
        ("/lernen/", "/lernen/"),
        ("/kurse/", "/kurse/"),
        ("course", course.url),
        ("lesson with quiz", lesson.url),
        ("/sandbox/", "/sandbox/"),
    ]


def measure(client, path: str, before_each=lambda: None) -> dict:
    from django.db import connection

    for _ in range(3):  # warm the caches
        before_each()
        assert client.get(path).status_code == 200, path
    queries: list[str] = []

    def record(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Not CaptureQueriesContext: request_started empties the connection's query log.
    before_each()
    with connection.execute_wrapper(record), RedisCalls() as redis_calls:
        client.get(path)
    cpu = wall = 0.0
    for _ in range(REQUESTS):
        before_each()
        started, wall_started = time.process_time(), time.perf_counter()
        client.get(path)
        cpu += time.process_time() - started
        wall += time.perf_counter() - wall_started
    return {
        "cpu_ms": 1000 * cpu / REQUESTS,
        "wall_ms": 1000 * wall / REQUESTS,
        "queries": len(queries),
        "redis": redis_calls.count,
        "sql": queries,
    }


def prepare(reseed: bool) -> None:
    """Production settings, Django set up, the seeded database, an empty cache
    (for every in-process profile in bench/)."""
    _configure()
    import django

    django.setup()
    _database(reseed)
    import redis

    redis.Redis.from_url(os.environ["CACHE_URL"]).flushdb()


def employee_client():
    """Django's test client, signed in as the demo employee."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from demo.accounts import EMPLOYEE_USERNAME

    client = Client()
    client.force_login(get_user_model().objects.get(username=EMPLOYEE_USERNAME))
    return client


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", help="print a CPU profile of this page")
    parser.add_argument("--sql", action="store_true", help="print each page's queries")
    parser.add_argument(
        "--first-visit",
        action="store_true",
        help="each page as on the person's first visit: all their generations renewed",
    )
    parser.add_argument("--reseed", action="store_true")
    arguments = parser.parse_args()
    prepare(arguments.reseed)
    client = employee_client()
    before_each = lambda: None  # noqa: E731
    if arguments.first_visit:
        from lms.person_generation import learning_changed, person_changed
        from lms.selectors.content import course_ids_live

        employee_id = int(client.session["_auth_user_id"])
        course_ids = course_ids_live()

        def before_each() -> None:
            person_changed(employee_id)
            for course_id in course_ids:
                learning_changed(employee_id, course_id)

    if arguments.profile:
        path = dict(pages())[arguments.profile]
        for _ in range(3):
            before_each()
            client.get(path)

        def requests() -> None:
            for _ in range(REQUESTS):
                before_each()
                client.get(path)

        # CPU time, not wall time: waits for PostgreSQL and Redis do not count.
        profiler = cProfile.Profile(time.process_time)
        profiler.runcall(requests)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        return 0
    print(f"load average {os.getloadavg()[0]:.1f}; {REQUESTS} requests per page\n")
    print("| page | CPU ms | wall ms | queries | Redis calls |")
    print("|---|---|---|---|---|")
    for name, path in pages():
        row = measure(client, path, before_each)
        print(
            f"| {name} | {row['cpu_ms']:.1f} | {row['wall_ms']:.1f} | "
            f"{row['queries']} | {row['redis']} |",
            flush=True,
        )
        if arguments.sql:
            for sql in row["sql"]:
                print("    " + sql[:300])
    return 0


if __name__ == "__main__":
    sys.exit(main())
