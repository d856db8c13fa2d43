"""Benchmark: the 8:00 peak, with locust against the production set-up.

Run as ``python bench/peak.py`` (``make bench-peak``; not in CI) with
``DATABASE_URL`` pointing to PostgreSQL and ``BENCH_REDIS_URL`` to a Redis database
of its own (flushed). It starts the production set-up (bench/support/stack.py:
demo town, gunicorn with BENCH_WEB_WORKERS workers, the README's recommendation of
two per core by default, Redis cache and broker, one Celery worker) and runs
bench/locustfile.py headless: all staff of the demo town (230) log in within
60 seconds, then open the start page, their training, the catalogue, courses and
lessons and submit quizzes; 50 of them also play a sandbox case. The liveness
endpoint is sampled throughout, as the baseline of the same run.

Prints requests/s, p50/p95/p99 and errors per step, and each step's p95 against
the target (< 500 ms, 0 errors). Results: bench/results/<date>-peak.json. The
load generator runs on the same machine and competes for the same cores.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECONDS = int(os.environ.get("BENCH_PEAK_SECONDS", "180"))
LOGIN_WINDOW = 60  # seconds in which everybody logs in
SANDBOX_USERS = int(os.environ.get("BENCH_PEAK_SANDBOX_USERS", "50"))
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", str(2 * (os.cpu_count() or 2))))
P95_TARGET_MS = 500
SANDBOX_PROCESS, SANDBOX_CASE = "hund_anmelden", "labrador"


def _form_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def sandbox_values() -> dict[str, dict[str, str]]:
    """Per task, the form values the demo case expects (from its package), as a
    browser posts them: what a learner who knows the case would enter."""
    from demo.sandboxes import DEMO_PACKAGES_DIR

    manifest = json.loads(
        (DEMO_PACKAGES_DIR / SANDBOX_PROCESS / "sandbox.json").read_text()
    )
    case = next(c for c in manifest["cases"] if c["id"] == SANDBOX_CASE)
    return {
        task: {name: _form_value(value) for name, value in fields.items()}
        for task, fields in case["expected"].items()
    }


def plan() -> dict:
    """Who logs in and which pages exist, read from the seeded demo town."""
    from django.contrib.auth import get_user_model

    from courses.models import CoursePage, LessonPage
    from demo.accounts import DEMO_PASSWORD

    accounts = list(
        get_user_model()
        .objects.filter(staff__isnull=False, is_active=True, is_superuser=False)
        .order_by("username")
        .values_list("username", flat=True)
    )
    lessons = list(LessonPage.objects.live().order_by("path"))
    return {
        "password": DEMO_PASSWORD,
        "accounts": accounts,
        "sandbox_users": SANDBOX_USERS,
        "courses": [page.url for page in CoursePage.objects.live().order_by("path")],
        "lessons": [page.url for page in lessons],
        "quiz_lessons": [
            page.url
            for page in lessons
            if any(block.block_type == "quiz" for block in page.body)
        ],
        "sandbox": {
            "url": f"/sandbox/prozess/{SANDBOX_PROCESS}/",
            "case": SANDBOX_CASE,
            "values": sandbox_values(),
        },
    }


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def _redis_memory() -> dict:
    """What the run left in its Redis database: keys and bytes, by kind."""
    import redis

    client = redis.Redis.from_url(
        os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
    )
    kinds: dict[str, list[int]] = {}
    for key in client.scan_iter(count=1000):
        name = key.decode(errors="replace")
        kind = (
            "sessions"
            if "sessions" in name
            else "lesson blocks"
            if ":courses:block:" in name
            else "outlines"
            if ":lms:" in name
            else "other"
        )
        entry = kinds.setdefault(kind, [0, 0])
        entry[0] += 1
        entry[1] += client.memory_usage(key) or 0
    return {kind: {"keys": n, "bytes": size} for kind, (n, size) in kinds.items()}


def main() -> int:
    from bench.support.stack import production_stack

    work = Path(tempfile.mkdtemp(prefix="lotse-peak-"))
    with production_stack(web_workers=WEB_WORKERS, celery_workers=1) as stack:
        the_plan = plan()
        users = len(the_plan["accounts"])
        (work / "plan.json").write_text(json.dumps(the_plan))
        print(
            f"locust: {users} people log in within {LOGIN_WINDOW} s, "
            f"{SECONDS} s in all, gunicorn --workers {WEB_WORKERS}",
            flush=True,
        )
        subprocess.run(
            [
                str(Path(sys.executable).parent / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(users + 1),  # + the baseline sampler
                "--spawn-rate",
                f"{users / LOGIN_WINDOW:.3f}",
                "--run-time",
                f"{SECONDS}s",
                "--host",
                stack.base_url,
                "--csv",
                str(work / "peak"),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "BENCH_PEAK_PLAN": str(work / "plan.json")},
            check=False,
        )
        redis_memory = _redis_memory()
    with open(work / "peak_stats.csv") as handle:
        stats = [row for row in csv.DictReader(handle) if row["Name"] != "Aggregated"]
    steps = {}
    for row in stats:
        steps[row["Name"]] = {
            "method": row["Type"],
            "requests": int(row["Request Count"]),
            "errors": int(row["Failure Count"]),
            "requests_per_s": round(_number(row["Requests/s"]), 2),
            "p50_ms": _number(row["50%"]),
            "p95_ms": _number(row["95%"]),
            "p99_ms": _number(row["99%"]),
        }
    baseline = steps.get("baseline /healthz/live", {}).get("p50_ms") or 1.0
    print(
        "\n| step | requests | req/s | p50 ms | p95 ms | p99 ms | errors | p95 target |"
    )
    print("|---|---|---|---|---|---|---|---|")
    missed = []
    for name, step in sorted(steps.items()):
        step["p50_to_baseline"] = round(step["p50_ms"] / baseline, 1)
        ok = step["p95_ms"] < P95_TARGET_MS and step["errors"] == 0
        if not ok and not name.startswith("baseline"):
            missed.append(name)
        print(
            f"| {name} | {step['requests']} | {step['requests_per_s']} | "
            f"{step['p50_ms']:.0f} | {step['p95_ms']:.0f} | {step['p99_ms']:.0f} | "
            f"{step['errors']} | {'ok' if ok else 'MISSED'} |"
        )
    logins = steps.get("login", {}).get("requests", 0)
    print(f"\nlogins: {logins} of {users} within the {LOGIN_WINDOW} s ramp")
    print(f"Redis after the run: {redis_memory}")
    result = {
        "benchmark": "peak",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "users": users,
        "sandbox_users": SANDBOX_USERS,
        "seconds": SECONDS,
        "web_workers": WEB_WORKERS,
        "baseline_p50_ms": baseline,
        "steps": steps,
        "missed": missed,
        "redis_memory": redis_memory,
    }
    out = ROOT / "bench" / "results" / f"{dt.date.today().isoformat()}-peak.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}")
    if missed:
        print("target missed: " + ", ".join(missed), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
