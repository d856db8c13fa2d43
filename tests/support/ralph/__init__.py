"""A real learning record store for tests: Ralph (``ralph-malph``) in a virtual
environment of its own, served on a socket the test opened (a free port).

The environment is ``.venv-ralph`` at the repository root; it is created from PyPI
when missing (``.ci/run`` creates it up front). Ralph runs with its file-system
backend and basic authentication; ``serve.py`` works around two bugs of 5.1.0.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VENV = ROOT / ".venv-ralph"
RALPH = "ralph-malph[lrs]==5.1.0"
# ralph.api imports requests without declaring it; the project's pinned version.
REQUESTS = "requests==2.34.2"
SERVE = Path(__file__).with_name("serve.py")
USERNAME = "lotse-lrs"
PASSWORD = "lrs-geheim-123"
START_SECONDS = 120  # how long a start may take before the test fails


def ralph_python() -> Path | None:
    """Ralph's interpreter, installing Ralph first if needed; None if impossible."""
    python = VENV / "bin" / "python"
    if not python.exists():
        try:
            subprocess.run(
                [sys.executable, "-m", "venv", str(VENV)], check=True, timeout=120
            )
            subprocess.run(
                [str(python), "-m", "pip", "install", "-q", RALPH, REQUESTS],
                check=True,
                timeout=900,
            )
        except (subprocess.SubprocessError, OSError):
            return None
    return python


class Ralph:
    """One Ralph process on a listening socket that survives its restarts, so
    the LRS keeps its address while it is down (connections then wait)."""

    def __init__(self, python: Path, folder: Path):
        self.python = python
        self.folder = folder
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.port = self.socket.getsockname()[1]
        self.process: subprocess.Popen | None = None
        (folder / "app").mkdir(parents=True, exist_ok=True)
        (folder / "data").mkdir(parents=True, exist_ok=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    def start(self) -> None:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "CELERY_", "DATABASE_"))
        }
        env.update(
            RALPH_APP_DIR=str(self.folder / "app"),
            RALPH_RUNSERVER_BACKEND="fs",
            RALPH_RUNSERVER_AUTH_BACKENDS="basic",
            RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(self.folder / "data"),
            RALPH_BACKENDS__LRS__FS__DEFAULT_LRS_FILE="statements.jsonl",
            LRS_USERNAME=USERNAME,
            LRS_PASSWORD=PASSWORD,
        )
        self.process = subprocess.Popen(
            [str(self.python), str(SERVE), str(self.socket.fileno())],
            env=env,
            pass_fds=[self.socket.fileno()],
        )
        # Ralph imports FastAPI and pydantic at start-up: seconds on a quiet
        # machine, much longer while CI runs its suites side by side.
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2
                ):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError("Ralph hat sich beendet.") from None
                time.sleep(0.2)
        raise RuntimeError("Ralph antwortet nicht.")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def close(self) -> None:
        self.stop()
        self.socket.close()

    def statements(self) -> list[dict]:
        """Every statement the LRS stored, read from its file (all of them, in
        the order they arrived)."""
        import json

        path = self.folder / "data" / "statements.jsonl"
        if not path.exists():
            return []
        return [
            json.loads(line) for line in path.read_text().splitlines() if line.strip()
        ]
