"""A second Lotse installation for tests: its own PostgreSQL database and media
folder, driven through `manage.py` in a subprocess (and, for the exchange, as a
live server of its own).

The migrated, empty database is made once per test session and copied for each
installation (``CREATE DATABASE … TEMPLATE``), so a test pays for ``migrate`` once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
_TEMPLATE_READY: set[str] = set()


def _admin_conninfo() -> dict:
    settings = connection.settings_dict
    return {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "password": settings["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }


def _url(name: str) -> str:
    info = _admin_conninfo()
    password = f":{info['password']}" if info["password"] else ""
    return f"postgres://{info['user']}{password}@{info['host']}:{info['port']}/{name}"


def _execute(sql: str) -> None:
    with psycopg.connect(**_admin_conninfo()) as admin:
        admin.execute(sql)


@dataclass
class Installation:
    """Another installation: run its ``manage.py`` with ``manage(...)``."""

    name: str
    media_root: Path
    extra_env: dict

    @property
    def env(self) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "CELERY_", "LOTSE_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.test",
            DATABASE_URL=_url(self.name),
            DATABASE_CONN_MAX_AGE="0",
            DJANGO_MEDIA_ROOT=str(self.media_root),
            CELERY_BROKER_URL="",  # tasks run in-process
            PYTHONPATH=str(ROOT),
        )
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"manage.py {' '.join(args)} → {result.returncode}\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result

    def shell(self, code: str) -> str:
        """Run ``code`` in the installation; the last line it printed."""
        output = self.manage("shell", "--no-imports", "-v", "0", "-c", code).stdout
        lines = [line for line in output.splitlines() if line.strip()]
        return lines[-1] if lines else ""

    def drop(self) -> None:
        _execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def empty_installation(suffix: str, media_root: Path, **extra_env: str) -> Installation:
    """A freshly migrated installation with no content besides Wagtail's root."""
    base = connection.settings_dict["NAME"]
    template = f"{base}_leer"
    if template not in _TEMPLATE_READY:
        _execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
        _execute(f'CREATE DATABASE "{template}"')
        Installation(template, media_root, {}).manage("migrate", "--noinput", "-v0")
        _TEMPLATE_READY.add(template)
    installation = Installation(f"{base}_{suffix}", media_root, dict(extra_env))
    installation.drop()
    _execute(f'CREATE DATABASE "{installation.name}" TEMPLATE "{template}"')
    return installation
