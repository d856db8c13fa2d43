"""Settings: embedded defaults, and production refusing unsafe configurations."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAFE_KEY = "x" * 60


def run_manage(*args, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "LOTSE_", "DATABASE_URL", "CELERY_", "CACHE_"))
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_embedded_defaults_need_no_service():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER,"
        " s.EMAIL_BACKEND, s.LANGUAGE_CODE, s.DEBUG)"
    )
    result = run_manage("shell", "-v", "0", "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.console.EmailBackend",
        "de",
        "True",
    ]


def test_production_refuses_to_start_without_secret_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_ALLOWED_HOSTS="lotse.example",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY fehlt" in result.stderr


def test_production_refuses_debug():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=SAFE_KEY,
        DJANGO_DEBUG="1",
        DJANGO_ALLOWED_HOSTS="lotse.example",
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_production_passes_check_deploy_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="k3y-" + "Zq9!xT#4" * 8,
        DJANGO_ALLOWED_HOSTS="lotse.musterstadt.example",
        LOTSE_BASE_URL="https://lotse.musterstadt.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_public_address():
    for value in (None, "", "lotse.musterstadt.example", "ftp://lotse.example"):
        extra = {} if value is None else {"LOTSE_BASE_URL": value}
        result = run_manage(
            "check",
            DJANGO_SETTINGS_MODULE="config.settings.production",
            DJANGO_SECRET_KEY="k3y-" + "Zq9!xT#4" * 8,
            DJANGO_ALLOWED_HOSTS="lotse.musterstadt.example",
            **extra,
        )
        assert result.returncode != 0, value
        assert "LOTSE_BASE_URL fehlt" in result.stderr


def test_copying_env_example_keeps_the_embedded_default():
    """Every line of .env.example is a comment: a copy changes nothing by itself."""
    active = [
        line
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert active == []


def test_seed_demo_does_not_exist_in_production():
    result = run_manage(
        "seed_demo",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="k3y-" + "Zq9!xT#4" * 8,
        DJANGO_ALLOWED_HOSTS="lotse.musterstadt.example",
        LOTSE_BASE_URL="https://lotse.musterstadt.example",
    )
    assert result.returncode != 0
    assert "Unknown command: 'seed_demo'" in result.stderr


def test_every_page_sends_a_csp_without_inline_scripts(client, db):
    response = client.get("/konto/anmelden/")
    csp = response.headers["Content-Security-Policy"]
    script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'"]
    style_src = next(p for p in csp.split(";") if p.strip().startswith("style-src"))
    assert style_src.split() == ["style-src", "'self'"]
    assert "default-src 'self'" in csp


def test_cache_key_prefix_keeps_installations_apart():
    """Two installations on one Redis database: each key carries its prefix."""
    code = (
        "from django.core.cache import cache;"
        "print(cache.make_key('wagtail_site_root_paths', version=2))"
    )
    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        code,
        CACHE_URL="redis://127.0.0.1:6379/15",
        CACHE_KEY_PREFIX="musterstadt",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "musterstadt:2:wagtail_site_root_paths"
