"""A real OpenID Connect provider (django-oidc-provider) for the sign-in tests.

`OidcProvider.start()` runs `tests/support/oidc_provider/serve.py` in its own
process with its own SQLite database on a free port of 127.0.0.1 and waits for
its discovery document; `stop()` ends it and removes its folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.slapd import _free_port

REPOSITORY = Path(__file__).resolve().parents[2]
CLIENT_ID = "lotse-test"
CLIENT_SECRET = "lotse-test-secret-1234567890"


def available() -> bool:
    try:
        import oidc_provider  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class OidcProvider:
    redirect_uri: str
    people: list[dict]
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp("-oidc")))
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}/openid"

    def start(self) -> OidcProvider:
        self.port = _free_port()
        env = {
            **os.environ,
            "OIDC_TEST_DATABASE": str(self.folder / "provider.sqlite3"),
            "OIDC_TEST_SITE_URL": f"http://127.0.0.1:{self.port}",
            "OIDC_TEST_PORT": str(self.port),
            "OIDC_TEST_CLIENT_ID": CLIENT_ID,
            "OIDC_TEST_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_TEST_REDIRECT_URI": self.redirect_uri,
            "OIDC_TEST_PEOPLE": json.dumps(self.people),
            "DJANGO_SETTINGS_MODULE": "tests.support.oidc_provider.settings",
        }
        env.pop("DATABASE_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.oidc_provider.serve"],
            cwd=REPOSITORY,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.folder / "provider.log", "wb"),  # noqa: SIM115
        )
        deadline = time.monotonic() + 60
        url = self.issuer + "/.well-known/openid-configuration"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.folder / "provider.log").read_text(errors="replace")
                raise RuntimeError(f"OIDC-Provider startete nicht:\n{log[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("OIDC-Provider antwortete nicht")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)
