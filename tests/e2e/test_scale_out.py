"""Beyond one machine: two gunicorn instances behind Debian's nginx, sharing
PostgreSQL and Redis, with two Celery workers and one beat (deploy/, README
"Sizing"). Every server takes a free port chosen at run time.

nginx connects to the instances from 127.0.0.2, the only trusted proxy
(LOTSE_TRUSTED_PROXIES); the test itself talks to the instances directly from
127.0.0.1 to show what a client that bypasses the proxy can and cannot do.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection

from tests.support.services import require_service

pytestmark = [pytest.mark.services]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PROXY_SOURCE = "127.0.0.2"
PROBE_TASK = "lms.tasks.learning_events_delete_expired"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class Browser:
    """Cookies and CSRF token of one person, against any port."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        port: int,
        method: str,
        path: str,
        *,
        form: dict | None = None,
        headers: dict | None = None,
        source: str = "127.0.0.1",
    ) -> Response:
        conn = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=30, source_address=(source, 0)
        )
        all_headers = {"Host": f"127.0.0.1:{port}", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(
                f"{k}={v}" for k, v in self.cookies.items()
            )
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            all_headers["Referer"] = f"https://127.0.0.1:{port}{path}"
        conn.request(method, path, body=body, headers=all_headers)
        raw = conn.getresponse()
        text = raw.read().decode("utf-8", "replace")
        for header in raw.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            self.cookies.update({k: m.value for k, m in jar.items()})
        conn.close()
        return Response(raw.status, raw.headers, text)

    def as_proxy(self, port: int, method: str, path: str, **kwargs) -> Response:
        """What nginx does: from the trusted address, saying the client used HTTPS."""
        headers = {"X-Forwarded-Proto": "https", **kwargs.pop("headers", {})}
        return self.request(
            port, method, path, headers=headers, source=PROXY_SOURCE, **kwargs
        )


def token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def wait_for(port: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if Browser().request(port, "GET", "/healthz/live").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"nothing answers on port {port}")


@dataclass
class Cluster:
    proxy: int
    web: list[int]
    processes: dict[str, subprocess.Popen]
    logs: Path
    static_root: Path
    env: dict[str, str]

    def stop(self, name: str) -> None:
        process = self.processes[name]
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def _nginx_conf(tmp: Path, proxy_port: int, web_ports: list[int]) -> Path:
    servers = "\n".join(
        f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;"
        for port in web_ports
    )
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"""
daemon off;
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
  access_log {tmp}/nginx-access.log;
  client_body_temp_path {tmp}/client_body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  upstream lotse_web {{
{servers}
    keepalive 4;
  }}
  server {{
    listen 127.0.0.1:{proxy_port};
    location / {{
      proxy_pass http://lotse_web;
      include {ROOT}/deploy/nginx/lotse-proxy.conf;
      # TLS ends at this proxy in production; here the test plays the TLS part.
      proxy_set_header X-Forwarded-Proto https;
      proxy_bind {PROXY_SOURCE};
    }}
  }}
}}
"""
    )
    return conf


@pytest.fixture
def cluster(transactional_db, tmp_path):
    require_service(
        shutil.which("nginx") is not None or Path("/usr/sbin/nginx").exists(),
        "nginx",
        "apt-get install -y nginx",
    )
    require_service(
        connection.vendor == "postgresql", "PostgreSQL", "DATABASE_URL setzen"
    )
    require_service(
        bool(settings.CELERY_BROKER_URL), "Redis", "CELERY_BROKER_URL setzen"
    )
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    redis_url = settings.CELERY_BROKER_URL
    queue = f"scale-out-{secrets.token_hex(4)}"
    static_root = tmp_path / "static"
    # Every process gets production settings plus a probe that beat sends every
    # second, and a queue of its own: other workers on the same Redis must not take
    # the cluster's jobs, nor its workers another's.
    (tmp_path / "scale_out_settings.py").write_text(
        "from config.settings.production import *  # noqa\n"
        f"CELERY_BEAT_SCHEDULE = {{'scale-out-probe': {{'task': '{PROBE_TASK}', "
        "'schedule': 1.0}}\n"
        f"CELERY_TASK_DEFAULT_QUEUE = '{queue}'\n"
        # Hashed names as in production, without the minutes of compressing every
        # file (compression is whitenoise's, not under test here).
        "STORAGES = {**STORAGES, 'staticfiles': {'BACKEND': "
        "'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'}}\n"
    )
    env = {
        "PATH": "/usr/sbin:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHONPATH": f"{ROOT}:{tmp_path}",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",
        # A cache namespace of its own, as every installation has: Redis outlives
        # test databases, and another run's cached pages name other page ids.
        "CACHE_URL": redis_url,
        "CACHE_KEY_PREFIX": queue,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
        "DJANGO_STATIC_ROOT": str(static_root),
        "LOTSE_TRUSTED_PROXIES": PROXY_SOURCE,
        "LOTSE_BASE_URL": "https://lotse.musterstadt.example",
        "LOTSE_LOG_LEVEL": "INFO",
    }
    subprocess.run(
        [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "scale_out_settings"},
        check=True,
    )
    web = [free_port(), free_port()]
    proxy = free_port()
    processes: dict[str, subprocess.Popen] = {}

    def start(name: str, command: list[str], extra_env: dict | None = None) -> None:
        processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**env, **(extra_env or {})},
            stdout=open(tmp_path / f"{name}.log", "w"),
            stderr=subprocess.STDOUT,
        )

    try:
        for number, port in enumerate(web):
            start(
                f"web{number}",
                [
                    str(BIN / "gunicorn"),
                    "config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--graceful-timeout",
                    "10",
                ],
                # the web connections, counted below
                {
                    "PGAPPNAME": "lotse-web",
                    "DJANGO_SETTINGS_MODULE": "scale_out_settings",
                },
            )
        celery_env = {"DJANGO_SETTINGS_MODULE": "scale_out_settings"}
        for number in range(2):
            start(
                f"worker{number}",
                [
                    str(BIN / "celery"),
                    "-A",
                    "config",
                    "worker",
                    "--concurrency",
                    "1",
                    "--hostname",
                    f"worker{number}@%h",
                    "--loglevel",
                    "INFO",
                ],
                celery_env,
            )
        start(
            "nginx",
            [
                "nginx",
                "-c",
                str(_nginx_conf(tmp_path, proxy, web)),
                "-p",
                str(tmp_path),
            ],
        )
        for port in web:
            wait_for(port)
        wait_for(proxy)
        yield Cluster(proxy, web, processes, tmp_path, static_root, env)
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def learner(transactional_db, celery_eager):
    from lms.hashers import PeakArgon2PasswordHasher
    from tests.support.factories import StaffProfileFactory
    from tests.support.learning import catalogue_create

    catalogue = catalogue_create()
    user = StaffProfileFactory(user__username="skalierung").user
    hasher = PeakArgon2PasswordHasher()
    user.password = hasher.encode("Geheim-Skalierung-1", hasher.salt())
    user.save(update_fields=["password"])
    return user, catalogue


def _server_complaints(cluster: Cluster) -> str:
    """The warnings of both instances, to explain a failed step."""
    lines = []
    for name in ("web0", "web1", "nginx"):
        log = cluster.logs / f"{name}.log"
        if log.exists():
            lines += [f"{name}: {line}" for line in log.read_text().splitlines()[-40:]]
    return "\n".join(lines)


def _login(browser: Browser, port: int, cluster: Cluster) -> None:
    page = browser.request(port, "GET", "/konto/anmelden/")
    assert page.status == 200
    done = browser.request(
        port,
        "POST",
        "/konto/anmelden/",
        form={
            "csrfmiddlewaretoken": token(page.text),
            "username": "skalierung",
            "password": "Geheim-Skalierung-1",
        },
    )
    assert done.status == 302, _server_complaints(cluster)
    assert "sessionid" in browser.cookies


def test_two_instances_behind_nginx_share_sessions_data_and_jobs(cluster, learner):
    user, catalogue = learner
    browser = Browser()
    _login(browser, cluster.proxy, cluster)

    # The session works through the proxy and on either instance.
    for _ in range(4):  # round robin: both instances answer
        assert browser.request(cluster.proxy, "GET", "/").status == 200
    for port in cluster.web:
        page = browser.as_proxy(port, "GET", "/")
        assert page.status == 200, port
        assert "skalierung" in page.text or user.get_full_name() in page.text

    # X-Forwarded-Proto counts only from the trusted proxy: a client that reaches
    # an instance directly and claims HTTPS is still sent to HTTPS.
    direct = browser.request(
        cluster.web[0], "GET", "/", headers={"X-Forwarded-Proto": "https"}
    )
    assert direct.status == 301
    assert direct.headers["Location"].startswith("https://")
    # X-Forwarded-For likewise: the login lockout records the address nginx saw
    # (127.0.0.1), not the proxy's own, and never what a client wrote itself.
    from axes.models import AccessAttempt

    stranger = Browser()
    login = stranger.request(cluster.proxy, "GET", "/konto/anmelden/")
    stranger.request(
        cluster.proxy,
        "POST",
        "/konto/anmelden/",
        form={
            "csrfmiddlewaretoken": token(login.text),
            "username": "niemand-ueber-proxy",
            "password": "falsch",
        },
        headers={"X-Forwarded-For": "203.0.113.9"},
    )
    # The address nginx saw (127.0.0.1), not the proxy's own (127.0.0.2), and not
    # the one the client wrote itself (203.0.113.9).
    attempts = dict(AccessAttempt.objects.values_list("username", "ip_address"))
    assert attempts["niemand-ueber-proxy"] == "127.0.0.1"
    # A client that bypasses the proxy is never even heard: its POST, with its own
    # X-Forwarded-Proto and X-Forwarded-For, is sent to HTTPS and not processed.
    bypass = stranger.request(
        cluster.web[1],
        "POST",
        "/konto/anmelden/",
        form={"username": "niemand-direkt", "password": "falsch"},
        headers={"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Proto": "https"},
    )
    assert bypass.status == 301
    assert not AccessAttempt.objects.filter(username="niemand-direkt").exists()

    # Static files: hashed names from the manifest, cached for a year.
    manifest = json.loads((cluster.static_root / "staticfiles.json").read_text())
    css = browser.request(
        cluster.proxy, "GET", f"/static/{manifest['paths']['lotse.css']}"
    )
    assert css.status == 200 and "--" in css.text
    assert "immutable" in css.headers["Cache-Control"]
    assert "max-age=315360000" in css.headers["Cache-Control"]

    # A quiz submitted through one instance is seen through the other.
    lesson = catalogue.quiz_lesson
    first, second = cluster.web
    page = browser.as_proxy(first, "GET", lesson.url)
    action = re.search(r'action="([^"]+)" class="quiz__form"', page.text).group(1)
    answers: dict[str, str] = {}
    for name, value in re.findall(
        r'type="radio"[^>]*name="(q-[^"]+)" value="([^"]+)"', page.text
    ):
        answers.setdefault(name, value)
    sent = browser.as_proxy(
        first,
        "POST",
        action,
        form={"csrfmiddlewaretoken": token(page.text), **answers},
    )
    assert sent.status in (200, 302), _server_complaints(cluster)
    seen = browser.as_proxy(second, "GET", lesson.url)
    assert "Ihr Ergebnis" in seen.text

    # Persistent database connections (CONN_MAX_AGE): each gunicorn worker keeps
    # one connection and reuses it, so 2 instances x 2 workers never hold more
    # than 4, however many requests they serve.
    def web_connections() -> set[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                " AND application_name = 'lotse-web'"
            )
            return {row[0] for row in cursor.fetchall()}

    for _ in range(30):
        assert browser.request(cluster.proxy, "GET", "/lernen/").status == 200
    held = web_connections()
    for _ in range(30):
        assert browser.request(cluster.proxy, "GET", "/lernen/").status == 200
    still = web_connections()
    assert 1 <= len(held)
    assert len(held) <= 4 and len(still) <= 4  # 2 instances x 2 workers
    assert held & still  # the same connections served the second round

    # Two workers, one beat: each periodic job runs exactly once.
    beat_log = cluster.logs / "beat.log"
    beat = subprocess.Popen(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "beat",
            "--schedule",
            str(cluster.logs / "beat-schedule"),
            "--loglevel",
            "INFO",
        ],
        cwd=ROOT,
        env={
            **cluster.env,
            "DJANGO_SETTINGS_MODULE": "scale_out_settings",
        },
        stdout=open(beat_log, "w"),
        stderr=subprocess.STDOUT,
    )
    try:  # until beat has sent the probe four times (it starts slowly under load)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and (
            beat_log.read_text().count("Sending due task scale-out-probe") < 4
        ):
            time.sleep(0.5)
    finally:
        beat.terminate()
        beat.wait(timeout=20)
    sent_count = beat_log.read_text().count("Sending due task scale-out-probe")

    def probe_runs() -> list[str]:
        found: list[str] = []
        for name in ("worker0", "worker1"):
            found += re.findall(
                rf"Task {re.escape(PROBE_TASK)}\[([0-9a-f-]+)\] succeeded",
                (cluster.logs / f"{name}.log").read_text(),
            )
        return found

    deadline = time.monotonic() + 60  # the last jobs may still be queued
    while len(probe_runs()) < sent_count and time.monotonic() < deadline:
        time.sleep(0.5)
    runs = probe_runs()
    assert sent_count >= 3
    assert len(runs) == len(set(runs))  # no job ran twice
    assert len(runs) == sent_count  # and none was lost

    # Stopping one instance loses no request the proxy can retry.
    results: list[int] = []

    def keep_asking() -> None:
        for _ in range(40):
            results.append(browser.request(cluster.proxy, "GET", "/lernen/").status)

    asker = threading.Thread(target=keep_asking)
    asker.start()
    time.sleep(0.3)
    cluster.stop("web0")
    asker.join(timeout=120)
    assert len(results) == 40
    assert set(results) == {200}, results
    assert browser.request(cluster.proxy, "GET", "/").status == 200
