"""Where a sandbox step's time goes: CPU and queries of the POST and the run page.

Run as ``python bench/profile_sandbox.py [--profile post|page|start] [--sql]
[--in-place] [--via-process-page]`` with
``DATABASE_URL`` and ``BENCH_REDIS_URL`` as for ``bench/profile_pages.py`` (the
same production settings and seeded demo town). The demo employee plays the
demo case "Hund anmelden" (practice mode) through Django's test client as
``bench/sandbox_pages.py`` does over HTTP: a **step** is the task form's POST
and the run page it redirects to (``--in-place``: the POST as sandbox/steps.js
sends it, answered with the next task, no run page). Starting a run (the finished page's "Diesen
Fall noch einmal üben" or the process page, the start form's POST and the first
run page) is shown apart, per step: over HTTP it is not timed as a step, but it
takes the same workers' CPU. CPU
milliseconds are the process's own time (``time.process_time``); wall
milliseconds add the waits for PostgreSQL and Redis (and the machine).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STEPS = int(os.environ.get("BENCH_PROFILE_STEPS", "120"))


class Queries:
    """Counts SQL statements (not CaptureQueriesContext: request_started empties
    the connection's query log)."""

    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        self.sql.append(sql)
        return execute(sql, params, many, context)


def _steps(
    client, plan: dict, starts: list[tuple[float, float, float]], profilers: list
):
    """Yield (action, data) of each step of fresh runs, forever; the caller posts.

    Each next run starts with the finished page's "Diesen Fall noch einmal
    üben" (the first one, or each with ``plan["via_process_page"]``, from the
    process page). Appends the CPU seconds of each run's start to ``starts``:
    one tuple of its three requests (process page, start POST, first run page).
    Profiles them once the caller puts a profiler in ``profilers``."""
    from bench.support.sandbox_form import (
        SANDBOX_STEPS_MAX,
        practice_again_form,
        sandbox_submission,
        token,
    )

    body = ""
    while True:
        profiler = profilers[0] if profilers else None
        if profiler:
            profiler.enable()
        process_page = 0.0
        start = None if plan["via_process_page"] else practice_again_form(body)
        if start is None:
            started = time.process_time()
            body = client.get(plan["url"]).content.decode()
            process_page = time.process_time() - started
            form = {"csrfmiddlewaretoken": token(body), **plan["start"]}
            start = (plan["url"] + "starten/", form)
        started = time.process_time()
        response = client.post(*start)
        assert response.status_code == 302, response.status_code
        start_post = time.process_time() - started
        started = time.process_time()
        body = client.get(response["Location"]).content.decode()
        starts.append((process_page, start_post, time.process_time() - started))
        if profiler:
            profiler.disable()
        for _step in range(SANDBOX_STEPS_MAX):
            submission = sandbox_submission(body, plan["values"])
            if submission is None:
                break
            body = yield submission


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", choices=["post", "page", "start"])
    parser.add_argument("--sql", action="store_true", help="print one step's queries")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="post each step as sandbox/steps.js does: answered with the next task",
    )
    parser.add_argument(
        "--via-process-page",
        action="store_true",
        help="start each run from the process page, not the finished page",
    )
    arguments = parser.parse_args()
    from bench.profile_pages import employee_client, prepare

    prepare(arguments.reseed)
    from django.db import connection

    from bench.peak import SANDBOX_CASE, SANDBOX_PROCESS, sandbox_values

    client = employee_client()
    plan = {
        "url": f"/sandbox/prozess/{SANDBOX_PROCESS}/",
        "start": {"case": SANDBOX_CASE, "mode": "practice"},
        "values": sandbox_values(),
        "via_process_page": arguments.via_process_page,
    }
    profiler = cProfile.Profile(time.process_time)
    cpu = {"post": 0.0, "page": 0.0}
    start_cpu = [0.0, 0.0, 0.0]
    wall = {"post": 0.0, "page": 0.0}
    counts: dict[str, list[int]] = {"post": [], "page": []}
    starts: list[tuple[float, float, float]] = []
    start_profilers: list = []
    steps = _steps(client, plan, starts, start_profilers)
    submission = next(steps)
    for number in range(STEPS + 20):  # the first 20 warm the caches
        measured = number >= 20
        if measured and arguments.profile == "start" and not start_profilers:
            start_profilers.append(profiler)
        action, data = submission
        # As a browser posts it (the test client's default is multipart).
        body, form = urlencode(data), "application/x-www-form-urlencoded"
        queries = Queries()
        started, wall_started = time.process_time(), time.perf_counter()
        # sandbox/steps.js asks for the next task in the POST's answer.
        headers = {"HTTP_X_LOTSE_STEP": "1"} if arguments.in_place else {}
        with connection.execute_wrapper(queries):
            if arguments.profile == "post" and measured:
                response = profiler.runcall(client.post, action, body, form, **headers)
            else:
                response = client.post(action, body, form, **headers)
        post_done, wall_post_done = time.process_time(), time.perf_counter()
        page_queries = Queries()
        if arguments.in_place:
            page = response
        else:
            assert response.status_code == 302, response.status_code
            with connection.execute_wrapper(page_queries):
                if arguments.profile == "page" and measured:
                    page = profiler.runcall(client.get, response["Location"])
                else:
                    page = client.get(response["Location"])
        page_done, wall_page_done = time.process_time(), time.perf_counter()
        assert page.status_code == 200, page.status_code
        if measured:
            cpu["post"] += post_done - started
            cpu["page"] += page_done - post_done
            wall["post"] += wall_post_done - wall_started
            wall["page"] += wall_page_done - wall_post_done
            counts["post"].append(len(queries.sql))
            counts["page"].append(len(page_queries.sql))
            if arguments.sql and number == 20:
                for name, sql in (("POST", queries.sql), ("page", page_queries.sql)):
                    print(name)
                    for statement in sql:
                        print("    " + statement[:300])
        submitted = len(starts)
        submission = steps.send(page.content.decode())
        if measured:  # a new run's start (process page, POST, first run page)
            for start in starts[submitted:]:
                start_cpu = [
                    total + part for total, part in zip(start_cpu, start, strict=True)
                ]
    if arguments.profile:
        if os.environ.get("BENCH_DUMP"):
            profiler.dump_stats(os.environ["BENCH_DUMP"])
        stats = pstats.Stats(profiler)
        stats.sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(70)
        if os.environ.get("BENCH_CALLEES"):
            stats.print_callees(os.environ["BENCH_CALLEES"])
        return 0
    post, page = (1000 * cpu[k] / STEPS for k in ("post", "page"))
    wall_ms = {k: 1000 * v / STEPS for k, v in wall.items()}
    import sandbox

    print(f"load average {os.getloadavg()[0]:.1f}; {STEPS} steps; {sandbox.__file__}\n")
    print("| request | CPU ms | wall ms | queries (min–max) |")
    print("|---|---|---|---|")
    for name, ms, key in (("POST", post, "post"), ("run page", page, "page")):
        print(
            f"| {name} | {ms:.1f} | {wall_ms[key]:.1f} | "
            f"{min(counts[key])}–{max(counts[key])} |"
        )
    print(f"| step | {post + page:.1f} | {sum(wall_ms.values()):.1f} | |")
    start = 1000 * sum(start_cpu) / STEPS
    print(f"| runs' starts, per step | {start:.1f} | | |")
    for name, part in zip(
        ("process page", "start POST", "first run page"), start_cpu, strict=True
    ):
        print(f"| … {name}, per step | {1000 * part / STEPS:.1f} | | |")
    print(f"| step with its share of starts | {post + page + start:.1f} | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
