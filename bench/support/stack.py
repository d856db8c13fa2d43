"""The production set-up on this one machine, for a benchmark run.

A throw-away PostgreSQL database with the demo town, static files collected with
hashed names, gunicorn with production settings (DEBUG off, whitenoise), Redis as
cache and broker and, if asked, Celery worker processes. Every server takes a free
port chosen at run time. Nothing here is used by the application itself.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEFAULT_REDIS = "redis://127.0.0.1:6379/2"


def free_port() -> int:
    """A TCP port nobody listens on now (others run servers on this machine too)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout} s")
        time.sleep(0.2)


@dataclass
class Stack:
    base_url: str
    env: dict[str, str]
    processes: list[subprocess.Popen] = field(default_factory=list)
    static_root: Path | None = None

    def static_url(self, name: str) -> str:
        """The hashed URL collectstatic gave a static file (manifest storage)."""
        import json

        manifest = json.loads((self.static_root / "staticfiles.json").read_text())
        return f"{self.base_url}/static/{manifest['paths'][name]}"


def login(base_url: str, username: str, password: str) -> dict[str, str]:
    """Log in through the login form like a browser; returns the cookies."""
    cookies: dict[str, str] = {}

    def remember(response) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            cookies.update({key: morsel.value for key, morsel in jar.items()})

    opener = urllib.request.build_opener(_NoRedirect)
    with opener.open(f"{base_url}/konto/anmelden/", timeout=30) as response:
        remember(response)
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    request = urllib.request.Request(
        f"{base_url}/konto/anmelden/",
        data=urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password}
        ).encode(),
        headers={"Cookie": cookie_header(cookies)},
    )
    try:
        opener.open(request, timeout=30)
    except urllib.error.HTTPError as redirect:
        if redirect.code != 302:
            raise
        remember(redirect)
    if "sessionid" not in cookies:
        raise RuntimeError(f"login of {username} failed")
    return cookies


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{key}={value}" for key, value in cookies.items())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _database_url(name: str) -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{name}"
    )


@contextmanager
def production_stack(
    *, web_workers: int, celery_workers: int = 0, log_dir: Path | None = None
) -> Iterator[Stack]:
    """Seed, collect static files, start gunicorn (and Celery); stop them after.

    Needs DATABASE_URL (PostgreSQL) and Redis; BENCH_REDIS_URL names the Redis
    database for cache and broker (flushed at the start: give the benchmark its own).
    """
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("LOTSE_LOG_LEVEL", "WARNING")
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS)
    os.environ["CACHE_URL"] = redis_url  # the seeding process shares the cache
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.support.database import throwaway_database

    if connection.vendor != "postgresql":
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server (production set-up).")
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    static_root = Path(tempfile.mkdtemp(prefix="lotse-bench-static-"))
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="lotse-bench-logs-"))
    with throwaway_database() as (_vendor, name):
        print("seeding the demo town …", flush=True)
        call_command("seed_demo", stdout=open(os.devnull, "w"))
        connection.close()
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": _database_url(name),
            "CACHE_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "CELERY_RESULT_BACKEND": redis_url,
            "DJANGO_STATIC_ROOT": str(static_root),
            "LOTSE_TRUSTED_PROXIES": "127.0.0.1",
            "LOTSE_BASE_URL": f"http://127.0.0.1:{port}",
            "LOTSE_LOG_LEVEL": "WARNING",
        }
        subprocess.run(
            [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        stack = Stack(base_url=f"http://127.0.0.1:{port}", env=env)
        stack.static_root = static_root
        try:
            stack.processes.append(
                subprocess.Popen(
                    [
                        str(BIN / "gunicorn"),
                        "config.wsgi:application",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        str(web_workers),
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=open(log_dir / "gunicorn.log", "w"),
                    stderr=subprocess.STDOUT,
                )
            )
            if celery_workers:
                stack.processes.append(
                    subprocess.Popen(
                        [
                            str(BIN / "celery"),
                            "-A",
                            "config",
                            "worker",
                            "--concurrency",
                            str(celery_workers),
                            "--loglevel",
                            "WARNING",
                        ],
                        cwd=ROOT,
                        env=env,
                        stdout=open(log_dir / "celery.log", "w"),
                        stderr=subprocess.STDOUT,
                    )
                )
            wait_until_up(f"{stack.base_url}/healthz/live")
            yield stack
        finally:
            for process in stack.processes:
                process.terminate()
            for process in stack.processes:
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
            shutil.rmtree(static_root, ignore_errors=True)
