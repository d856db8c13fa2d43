"""Benchmark: sandbox task submissions through HTTP, as a share of `/healthz/live`.

Run as ``python bench/sandbox_pages.py`` (``make bench``) with ``DATABASE_URL``
pointing to PostgreSQL and ``BENCH_REDIS_URL`` to a Redis database of its own
(flushed). It starts the production set-up (bench/support/stack.py: demo town,
gunicorn with production settings, Redis cache), logs in BENCH_CONNECTIONS
clients as the demo employee and lets each play the demo case "Hund anmelden"
(practice mode) over and over for BENCH_SECONDS, as a browser does. A **step**
is the task form's POST as sandbox/steps.js sends it, which the server answers
with the next task; a second row posts as a browser without JavaScript: the
POST and the run page it redirects to. Each next run starts with the finished
page's "Diesen Fall noch einmal üben" (BENCH_VIA_PROCESS_PAGE=1: from the
process page). Starting a run is not counted, but it takes the same workers'
CPU. The baseline, ``/healthz/live``, is requested by the same clients before
and after, so both figures carry the same client cost.

Throughput is concurrency / mean latency (Little's law), for steps and baseline
alike, so time spent starting runs does not count against the steps. The rows
are measured in BENCH_ROUNDS rounds of BENCH_SECONDS each (after one round that
warms up), each round's steps against its own baseline; the figure is the
median of the rounds' shares (this machine's speed wanders by a fifth within a
minute).

Target (issue 13): a step >= 10 % of the baseline's requests/s. Results:
bench/results/<date>-sandbox.json.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import multiprocessing
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", str(os.cpu_count() or 2)))
TARGET = 0.10
VIA_PROCESS_PAGE = os.environ.get("BENCH_VIA_PROCESS_PAGE") == "1"
SUBMIT = "sandbox submit (one POST, answered with the next task)"
SUBMIT_WITHOUT_JAVASCRIPT = "… without JavaScript (POST + the run page)"
BASELINE, BASELINE_AGAIN = "/healthz/live", "/healthz/live (again)"
ROWS = (  # name, kind, with JavaScript
    (BASELINE, "baseline", True),
    (SUBMIT, "submit", True),
    (SUBMIT_WITHOUT_JAVASCRIPT, "submit", False),
    (BASELINE_AGAIN, "baseline", True),
)


class Client:
    """One browser: a kept-alive connection and a session cookie."""

    def __init__(self, base_url: str, cookie: str) -> None:
        self.host = urlsplit(base_url).netloc
        self.connection = http.client.HTTPConnection(self.host, timeout=30)
        self.cookie = cookie

    def request(self, method: str, path: str, data: dict | None = None, headers=None):
        headers = {"Cookie": self.cookie, "Host": self.host, **(headers or {})}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        return response.status, response.getheader("Location"), response.read()


def _baseline(client: Client, deadline: float) -> tuple[list[float], int, Counter]:
    times, errors = [], 0
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        status, _location, _body = client.request("GET", "/healthz/live")
        times.append(time.perf_counter() - started)
        errors += status != 200
    return times, errors, Counter()


def _play(
    client: Client, plan: dict, deadline: float
) -> tuple[list[float], int, Counter]:
    """Play runs and submit their steps until the deadline; the steps' times.

    A step is posted as a browser with JavaScript posts it (sandbox/steps.js:
    one request, answered with the next task) or, with ``plan["javascript"]``
    off, as one without (the POST and the run page it redirects to). The first
    run starts from the process page. Each next one starts as a person
    practising the case over and over starts it: with the finished page's
    "Diesen Fall noch einmal üben", or with ``plan["via_process_page"]`` from
    the process page again."""
    from bench.support.sandbox_form import (
        SANDBOX_STEPS_MAX,
        practice_again_form,
        sandbox_submission,
        token,
    )

    times, errors, starts = [], 0, Counter()
    finished_page = ""
    while time.perf_counter() < deadline:
        start = None if plan["via_process_page"] else practice_again_form(finished_page)
        starts["again" if start else "process page"] += 1
        if start is None:
            _status, _location, body = client.request("GET", plan["url"])
            form = {"csrfmiddlewaretoken": token(body.decode()), **plan["start"]}
            start = (plan["url"] + "starten/", form)
        status, location, _body = client.request("POST", *start)
        if status != 302:
            errors += 1
            continue
        _status, _location, body = client.request("GET", location)
        for _step in range(SANDBOX_STEPS_MAX):
            submission = sandbox_submission(body.decode(), plan["values"])
            if submission is None or time.perf_counter() >= deadline:
                break
            action, data = submission
            started = time.perf_counter()
            if plan["javascript"]:
                status, _location, body = client.request(
                    "POST", action, data, {"X-Lotse-Step": "1"}
                )
            else:
                status, location, _body = client.request("POST", action, data)
                if status != 302:
                    errors += 1
                    break
                status, _location, body = client.request("GET", location)
            times.append(time.perf_counter() - started)
            if status != 200:
                errors += 1
                break
        finished_page = body.decode()
    return times, errors, starts


def _client_run(kind: str, base_url: str, cookie: str, plan: dict, seconds: float):
    client = Client(base_url, cookie)
    deadline = time.perf_counter() + seconds
    if kind == "baseline":
        return _baseline(client, deadline)
    return _play(client, plan, deadline)


def measure(kind: str, base_url: str, cookies: list[str], plan: dict) -> dict:
    context = multiprocessing.get_context("fork")
    with context.Pool(len(cookies)) as pool:
        results = pool.starmap(
            _client_run,
            [(kind, base_url, cookie, plan, SECONDS) for cookie in cookies],
        )
    times = [t for worker_times, _errors, _starts in results for t in worker_times]
    errors = sum(worker_errors for _times, worker_errors, _starts in results)
    starts = sum(
        (worker_starts for _times, _errors, worker_starts in results), Counter()
    )
    ordered = sorted(times)
    return {
        "count": len(times),
        "per_s": len(cookies) / statistics.mean(times) if times else 0.0,
        "p50_ms": 1000 * ordered[len(ordered) // 2] if times else None,
        "p95_ms": 1000 * ordered[int(len(ordered) * 0.95)] if times else None,
        "errors": errors,
        "runs_started": dict(starts),
    }


def _round_baseline(rows: dict) -> float:
    """A round's baseline: the mean of the baseline before and after its steps."""
    return (rows[BASELINE]["per_s"] + rows[BASELINE_AGAIN]["per_s"]) / 2


def _shares(rows: dict) -> dict[str, float]:
    """Each step row's requests/s as a share of the round's baseline."""
    baseline = _round_baseline(rows)
    return {
        name: rows[name]["per_s"] / baseline
        for name in (SUBMIT, SUBMIT_WITHOUT_JAVASCRIPT)
    }


def _shares_line(rows: dict) -> str:
    baseline = _round_baseline(rows)
    shares = ", ".join(f"{share:.1%}" for share in _shares(rows).values())
    return f"baseline {baseline:.0f}/s, steps {shares}"


def main() -> int:
    from bench.peak import SANDBOX_CASE, SANDBOX_PROCESS, sandbox_values
    from bench.support.stack import cookie_header, login, production_stack

    with production_stack(web_workers=WEB_WORKERS) as stack:
        plan = {
            "url": f"/sandbox/prozess/{SANDBOX_PROCESS}/",
            "start": {"case": SANDBOX_CASE, "mode": "practice"},
            "values": sandbox_values(),
            "via_process_page": VIA_PROCESS_PAGE,
        }
        from django.db import connections

        from demo.accounts import DEMO_PASSWORD, EMPLOYEE_USERNAME

        connections.close_all()  # never share the parent's connection after fork
        cookies = [
            cookie_header(login(stack.base_url, EMPLOYEE_USERNAME, DEMO_PASSWORD))
            for _ in range(CONNECTIONS)
        ]
        rounds = []
        for number in range(ROUNDS + 1):  # the first round warms up
            rows = {}
            for name, kind, javascript in ROWS:
                variant = {**plan, "javascript": javascript}
                rows[name] = measure(kind, stack.base_url, cookies, variant)
            if number:
                rounds.append(rows)
                print(f"  round {number}: " + _shares_line(rows), flush=True)
    shares = [_shares(rows) for rows in rounds]
    median = {
        name: statistics.median(share[name] for share in shares) for name in shares[0]
    }
    print(
        f"\n{CONNECTIONS} clients, {ROUNDS} rounds of {SECONDS} s per row, "
        f"gunicorn --workers {WEB_WORKERS}, load average {os.getloadavg()[0]:.1f}\n"
    )
    print("| row | " + " | ".join(f"round {n + 1}" for n in range(ROUNDS)) + " |")
    print("|---|" + "---|" * ROUNDS)
    for name, _kind, _javascript in ROWS:
        cells = [
            f"{rows[name]['per_s']:.0f}/s, p95 {rows[name]['p95_ms']:.0f} ms"
            for rows in rounds
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")
    for name, share in median.items():
        print(f"\n{name}: median {share:.1%} of /healthz/live", end="")
    verdict = "ok" if median[SUBMIT] >= TARGET else "MISSED"
    print(f"\n\nsandbox submit: {median[SUBMIT]:.1%} (target ≥ 10 %: {verdict})")
    result = {
        "benchmark": "sandbox_pages",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "clients": CONNECTIONS,
        "seconds": SECONDS,
        "web_workers": WEB_WORKERS,
        "runs_via_process_page": VIA_PROCESS_PAGE,
        "share": round(median[SUBMIT], 4),
        "share_without_javascript": round(median[SUBMIT_WITHOUT_JAVASCRIPT], 4),
        "shares_per_round": shares,
        "rounds": rounds,
    }
    out = ROOT / "bench" / "results" / f"{dt.date.today().isoformat()}-sandbox.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"results: {out.relative_to(ROOT)}")
    errors = sum(row["errors"] for rows in rounds for row in rows.values())
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
