"""A real OpenLDAP server (Debian's `slapd`) for the directory tests.

`Slapd.start()` writes a slapd.conf into a temporary folder, loads a small tree of
Musterstadt (units, people, groups) with `slapadd`, starts slapd on a free port of
127.0.0.1 and waits until it answers; `stop()` ends it and removes the folder.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SLAPD = Path("/usr/sbin/slapd")
SLAPADD = Path("/usr/sbin/slapadd")
OPENSSL = shutil.which("openssl")
SCHEMA_DIR = Path("/etc/ldap/schema")
MODULE_DIR = Path("/usr/lib/ldap")

BASE_DN = "dc=musterstadt,dc=example"
ADMIN_DN = f"cn=admin,{BASE_DN}"
ADMIN_PASSWORD = "verzeichnis-geheim"
PEOPLE_DN = f"ou=people,{BASE_DN}"
GROUPS_DN = f"ou=groups,{BASE_DN}"
TRAINER_GROUP_DN = f"cn=lotse-trainer,{GROUPS_DN}"
ADMIN_GROUP_DN = f"cn=lotse-admins,{GROUPS_DN}"
PASSWORD = "dienst-passwort-1"


def available() -> bool:
    return SLAPD.exists() and SLAPADD.exists() and SCHEMA_DIR.is_dir() and bool(OPENSSL)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def person_ldif(
    uid: str,
    *,
    given: str,
    surname: str,
    number: str,
    unit: str,
    disabled: bool = False,
) -> str:
    lines = [
        f"dn: uid={uid},{PEOPLE_DN}",
        "objectClass: inetOrgPerson",
        "objectClass: shadowAccount",
        f"uid: {uid}",
        f"cn: {given} {surname}",
        f"givenName: {given}",
        f"sn: {surname}",
        f"mail: {uid}@musterstadt.example",
        f"employeeNumber: {number}",
        f"departmentNumber: {unit}",
        f"userPassword: {PASSWORD}",
    ]
    if disabled:
        lines.append("shadowExpire: 1")  # expired on 2 January 1970
    return "\n".join(lines) + "\n\n"


def tree_ldif() -> str:
    """Units, people and groups of the test town."""
    parts = [
        f"dn: {BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\n"
        "dc: musterstadt\no: Musterstadt\n\n",
        f"dn: {PEOPLE_DN}\nobjectClass: organizationalUnit\nou: people\n\n",
        f"dn: {GROUPS_DN}\nobjectClass: organizationalUnit\nou: groups\n\n",
        f"dn: ou=units,{BASE_DN}\nobjectClass: organizationalUnit\nou: units\n\n",
        f"dn: ou=ordnungsamt,ou=units,{BASE_DN}\nobjectClass: organizationalUnit\n"
        "ou: ordnungsamt\ndescription: Ordnungsamt\n\n",
        f"dn: ou=finanzen,ou=units,{BASE_DN}\nobjectClass: organizationalUnit\n"
        "ou: finanzen\ndescription: Finanzen\n\n",
        person_ldif(
            "lena.lindner",
            given="Lena",
            surname="Lindner",
            number="V1001",
            unit="ordnungsamt",
        ),
        person_ldif(
            "tom.trainer",
            given="Tom",
            surname="Trainer",
            number="V1002",
            unit="finanzen",
        ),
        person_ldif(
            "gesa.gesperrt",
            given="Gesa",
            surname="Gesperrt",
            number="V1003",
            unit="finanzen",
            disabled=True,
        ),
        person_ldif(
            "ada.admin", given="Ada", surname="Admin", number="V1004", unit="finanzen"
        ),
        person_ldif(
            "rudi.raus", given="Rudi", surname="Raus", number="V1005", unit="finanzen"
        ),
        f"dn: {TRAINER_GROUP_DN}\nobjectClass: groupOfNames\ncn: lotse-trainer\n"
        f"member: uid=tom.trainer,{PEOPLE_DN}\n\n",
        f"dn: {ADMIN_GROUP_DN}\nobjectClass: groupOfNames\ncn: lotse-admins\n"
        f"member: uid=ada.admin,{PEOPLE_DN}\n\n",
    ]
    return "".join(parts)


@dataclass
class Slapd:
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp("-slapd")))
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def uri(self) -> str:
        return f"ldap://127.0.0.1:{self.port}"

    @property
    def ca_file(self) -> Path:
        """The server's self-signed certificate (for 127.0.0.1): its own CA."""
        return self.folder / "cert.pem"

    def _write_certificate(self) -> None:
        """A certificate for StartTLS, made for this run only (one day)."""
        subprocess.run(
            [
                str(OPENSSL),
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "1",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                str(self.folder / "key.pem"),
                "-out",
                str(self.ca_file),
            ],
            check=True,
            capture_output=True,
        )

    def _write_config(self) -> Path:
        data = self.folder / "data"
        data.mkdir(exist_ok=True)
        schemas = "".join(
            f"include {SCHEMA_DIR / name}.schema\n"
            for name in ("core", "cosine", "nis", "inetorgperson")
        )
        self._write_certificate()
        config = self.folder / "slapd.conf"
        config.write_text(
            f"{schemas}"
            f"pidfile {self.folder / 'slapd.pid'}\n"
            f"TLSCertificateFile {self.ca_file}\n"
            f"TLSCertificateKeyFile {self.folder / 'key.pem'}\n"
            f"modulepath {MODULE_DIR}\nmoduleload back_mdb\n"
            "access to attrs=userPassword by self write by anonymous auth by * none\n"
            "access to * by * read\n"
            f"database mdb\nmaxsize 10485760\nsuffix {BASE_DN}\n"
            f"rootdn {ADMIN_DN}\nrootpw {ADMIN_PASSWORD}\n"
            f"directory {data}\n"
            "index objectClass eq\nindex uid eq\nindex member eq\n"
        )
        return config

    def start(self) -> Slapd:
        config = self._write_config()
        ldif = self.folder / "tree.ldif"
        ldif.write_text(tree_ldif())
        subprocess.run(
            [str(SLAPADD), "-f", str(config), "-l", str(ldif)],
            check=True,
            capture_output=True,
        )
        for _attempt in range(5):
            self.port = _free_port()
            self.process = subprocess.Popen(
                [
                    str(SLAPD),
                    "-f",
                    str(config),
                    "-h",
                    self.uri,
                    "-d",
                    "0",  # stay in the foreground, so stop() can end it
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            if self._wait_until_listening():
                return self
            self._end_process()
        raise RuntimeError("slapd startete nicht")

    def _wait_until_listening(self) -> bool:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return True
            except OSError:
                time.sleep(0.05)
        return False

    def _end_process(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def stop(self) -> None:
        self._end_process()
        shutil.rmtree(self.folder, ignore_errors=True)

    def modify(self, dn: str, changes: dict) -> None:
        """Change an entry as the directory's administrator (ldap3 changes)."""
        import ldap3

        server = ldap3.Server(self.uri, get_info=ldap3.NONE)
        with ldap3.Connection(server, ADMIN_DN, ADMIN_PASSWORD, auto_bind=True) as conn:
            conn.modify(dn, changes)
            if conn.result["result"] != 0:
                raise RuntimeError(conn.result)

    def delete(self, dn: str) -> None:
        import ldap3

        server = ldap3.Server(self.uri, get_info=ldap3.NONE)
        with ldap3.Connection(server, ADMIN_DN, ADMIN_PASSWORD, auto_bind=True) as conn:
            conn.delete(dn)
