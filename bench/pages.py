"""Benchmark: throughput of each learner page, as a share of `/healthz/live`.

Run as ``python bench/pages.py`` (``make bench``) with ``DATABASE_URL`` pointing to
PostgreSQL and ``BENCH_REDIS_URL`` to a Redis database of its own (flushed). It
starts the production set-up (bench/support/stack.py: demo town, gunicorn with
production settings, Redis cache), logs in as the demo employee and runs
``wrk -t1 -c8 -d<BENCH_SECONDS>s`` against each page in turn, the liveness endpoint
first and last. Absolute figures depend on the machine and on whatever else runs
on it; the ratio to the baseline measured in the same run is what counts.

Targets (issue 13): start page and /lernen/ >= 20 % of the baseline's requests/s,
catalogue, course page and lesson page >= 10 %. Needs ``wrk`` (Debian: apt-get
install wrk). Results: bench/results/<date>-pages.json.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", str(os.cpu_count() or 2)))
TARGETS = {
    "/": 0.20,
    "/lernen/": 0.20,
    "/kurse/": 0.10,
    "course": 0.10,
    "lesson with quiz": 0.10,
}


def _milliseconds(text: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, cookie: str | None) -> dict:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s"]
    command += ["--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50_ms": _milliseconds(latency["50"]),
        "p99_ms": _milliseconds(latency["99"]),
        "errors": int(errors[1]) if errors else 0,
        "socket_errors": socket_errors[1] if socket_errors else "",
    }


def main() -> int:
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 1
    from bench.support.stack import cookie_header, login, production_stack

    with production_stack(web_workers=WEB_WORKERS) as stack:
        from courses.models import CoursePage, LessonPage
        from demo.accounts import DEMO_PASSWORD, EMPLOYEE_USERNAME

        course = CoursePage.objects.live().order_by("path").first()
        lesson = next(
            page
            for page in LessonPage.objects.live().order_by("path")
            if any(block.block_type == "quiz" for block in page.body)
        )
        cookie = cookie_header(login(stack.base_url, EMPLOYEE_USERNAME, DEMO_PASSWORD))
        pages = [
            ("/healthz/live", "/healthz/live", None),
            ("static file (hashed, whitenoise)", stack.static_url("lotse.css"), None),
            ("/healthz", "/healthz", None),
            ("/", "/", cookie),
            ("/lernen/", "/lernen/", cookie),
            ("/kurse/", "/kurse/", cookie),
            ("course", course.url, cookie),
            ("lesson with quiz", lesson.url, cookie),
            ("/sandbox/", "/sandbox/", cookie),
            ("/healthz/live (again)", "/healthz/live", None),
        ]
        rows = {}
        for name, path, page_cookie in pages:
            url = path if path.startswith("http") else stack.base_url + path
            wrk(url, page_cookie)  # a short warm-up fills the caches
            rows[name] = wrk(url, page_cookie)
            print(f"  {name:34s} {rows[name]['requests_per_s']:9.1f} req/s", flush=True)
    baseline = (
        rows["/healthz/live"]["requests_per_s"]
        + rows["/healthz/live (again)"]["requests_per_s"]
    ) / 2
    print(
        f"\nwrk -t1 -c{CONNECTIONS} -d{SECONDS}s, gunicorn --workers {WEB_WORKERS}, "
        "production settings, PostgreSQL, Redis, demo town\n"
    )
    print("| page | req/s | p50 ms | p99 ms | errors | share of baseline | target |")
    print("|---|---|---|---|---|---|---|")
    failed = []
    for name, row in rows.items():
        row["ratio"] = round(row["requests_per_s"] / baseline, 4)
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"≥ {target:.0%} " + (
                "ok" if row["ratio"] >= target else "MISSED"
            )
            if row["ratio"] < target:
                failed.append(name)
        print(
            f"| {name} | {row['requests_per_s']:.0f} | {row['p50_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {row['errors']} | {row['ratio']:.1%} | {verdict} |"
        )
    result = {
        "benchmark": "pages",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "wrk": {"threads": 1, "connections": CONNECTIONS, "seconds": SECONDS},
        "web_workers": WEB_WORKERS,
        "baseline_requests_per_s": baseline,
        "pages": rows,
    }
    out = ROOT / "bench" / "results" / f"{dt.date.today().isoformat()}-pages.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nresults: {out.relative_to(ROOT)}")
    if any(row["errors"] for row in rows.values()):
        print("some requests failed", file=sys.stderr)
        return 1
    if failed:
        print("below target: " + ", ".join(failed), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
