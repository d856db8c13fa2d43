"""The 8:00 peak for locust: every employee logs in within a minute, then learns.

Started by bench/peak.py (``make bench-peak``), which passes the accounts and
pages in BENCH_PEAK_PLAN (a JSON file). Each simulated person logs in through the
login form once, then opens the start page, "Meine Schulungen", the catalogue, a
course, a lesson, and submits its quiz; every fifth person (``sandbox`` users)
also opens the practice rooms and plays a sandbox case step by step. A separate
user class requests ``/healthz/live`` now and then: the baseline of the same run.
Requests are named by step, so the statistics come per step.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
import threading
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.support.sandbox_form import (  # noqa: E402
    SANDBOX_STEPS_MAX,
    sandbox_submission,
)

PLAN = json.loads(open(os.environ["BENCH_PEAK_PLAN"]).read())
_accounts = itertools.cycle(PLAN["accounts"])
_sandbox_left = [PLAN["sandbox_users"]]
_lock = threading.Lock()
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RADIO = re.compile(r'type="radio"[^>]*name="(q-[^"]+)" value="([^"]+)"')


def _token(html: str) -> str:
    match = TOKEN.search(html)
    return match.group(1) if match else ""


def _plain_cookies(client) -> None:
    """Send the production cookies (marked Secure) over the benchmark's plain HTTP.

    In production TLS ends at nginx; the benchmark talks to gunicorn directly.
    """
    for cookie in client.cookies:
        cookie.secure = False


class Employee(HttpUser):
    weight = 20
    wait_time = between(1, 4)

    def get(self, url: str, name: str):
        _plain_cookies(self.client)
        return self.client.get(url, name=name)

    def post(self, url: str, data: dict, name: str, **kwargs):
        _plain_cookies(self.client)
        return self.client.post(url, data, name=name, **kwargs)

    def on_start(self) -> None:
        with _lock:
            self.username = next(_accounts)
            self.sandbox = _sandbox_left[0] > 0
            _sandbox_left[0] -= 1
        page = self.get("/konto/anmelden/", name="login form").text
        response = self.post(
            "/konto/anmelden/",
            {
                "csrfmiddlewaretoken": _token(page),
                "username": self.username,
                "password": PLAN["password"],
            },
            name="login",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"login of {self.username}: {response.status_code}")

    @task(4)
    def start_page(self) -> None:
        self.get("/", name="start page")

    @task(3)
    def training(self) -> None:
        self.get("/lernen/", name="my training")

    @task(2)
    def catalogue(self) -> None:
        self.get("/kurse/", name="catalogue")

    @task(3)
    def course(self) -> None:
        self.get(random.choice(PLAN["courses"]), name="course page")

    @task(6)
    def lesson(self) -> None:
        self.get(random.choice(PLAN["lessons"]), name="lesson page")

    @task(2)
    def quiz(self) -> None:
        url = random.choice(PLAN["quiz_lessons"])
        html = self.get(url, name="lesson page with quiz").text
        action = re.search(r'action="([^"]+)" class="quiz__form"', html)
        if not action:
            return
        answers: dict[str, str] = {}
        for name, value in RADIO.findall(html):
            answers.setdefault(name, value)
        self.post(
            action.group(1),
            {"csrfmiddlewaretoken": _token(html), **answers},
            name="quiz submit",
        )

    @task(2)
    def sandbox_run(self) -> None:
        if not self.sandbox:
            return
        process = PLAN["sandbox"]
        self.get("/sandbox/", name="sandbox list")
        detail = self.get(process["url"], name="sandbox process").text
        response = self.post(
            process["url"] + "starten/",
            {
                "csrfmiddlewaretoken": _token(detail),
                "case": process["case"],
                "mode": "practice",
            },
            name="sandbox start",
        )
        html = response.text
        for _step in range(SANDBOX_STEPS_MAX):
            submission = sandbox_submission(html, process["values"])
            if submission is None:  # the run ended
                break
            action, data = submission
            html = self.post(action, data, name="sandbox submit").text


class Baseline(HttpUser):
    """The liveness endpoint, sampled throughout the peak: the run's own baseline."""

    weight = 1
    fixed_count = 1
    wait_time = between(0.5, 1)

    @task
    def live(self) -> None:
        self.client.get("/healthz/live", name="baseline /healthz/live")
