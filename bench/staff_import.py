"""Benchmark: the staff import of a large CSV file (check only, save, re-import).

Run as ``python bench/staff_import.py`` (uses DATABASE_URL if set, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/lotse_bench``). It creates a
throw-away database (the configured name with a ``_bench`` suffix for PostgreSQL, a
temporary file for SQLite) with 15 org units, generates LINES valid lines and
measures, through the same service the upload page and ``import_staff`` use:

- the check only ("nur prüfen"): read the file, check every line, nothing saved;
- the import into the empty database (every person created);
- the same file again (everyone unchanged, nothing written).

Baselines in the same run: reading the same file with the csv module alone, and a
bare ``bulk_create`` of as many accounts. The rule run the import queues goes to an
in-memory broker and is not part of the figures (it is a task of its own).

Target: 50,000 lines checked in under 30 s.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ.setdefault("LOTSE_LOG_LEVEL", "WARNING")
# Queued tasks stay in this process and never reach a shared Redis.
os.environ["CELERY_BROKER_URL"] = "memory://"
os.environ["CELERY_RESULT_BACKEND"] = "cache+memory://"

LINES = int(os.environ.get("BENCH_STAFF_LINES", "50000"))
UNITS = [f"amt-{n:02d}" for n in range(15)]
ROLES = ["", "", "", "", "Schulungsteam", "Amtsleitung", "Beschäftigte|Schulungsteam"]


def staff_file(lines: int) -> bytes:
    """A file as an HR system exports it: `;`, UTF-8 with BOM, umlauts."""
    out = io.StringIO()
    out.write("\ufeffpersonalnummer;vorname;nachname;email;einheit;funktion;rollen\n")
    for n in range(lines):
        out.write(
            f"P{n:06d};Jörg{n};Müller-Lüdenscheidt;p{n:06d}@musterstadt.example;"
            f"{UNITS[n % len(UNITS)]};Sachbearbeitung;{ROLES[n % len(ROLES)]}\n"
        )
    return out.getvalue().encode()


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def main() -> int:
    import django

    django.setup()
    from bench.support.database import throwaway_database

    with throwaway_database() as (vendor, database):
        return run_benchmark(vendor, database)


def run_benchmark(vendor: str, database: str) -> int:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from lms.models import OrgUnit, StaffProfile
    from lms.services.staff_import import staff_import

    User = get_user_model()
    for code in UNITS:
        OrgUnit.objects.create(code=code, name=code.title())
    data = staff_file(LINES)

    parse_s, parsed = timed(
        lambda: sum(1 for _ in csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    )
    assert parsed == LINES

    def bare_bulk_create():
        with transaction.atomic():
            User.objects.bulk_create(
                [User(username=f"bare{n}") for n in range(LINES)], batch_size=1000
            )
            transaction.set_rollback(True)

    bulk_s, _none = timed(bare_bulk_create)

    check_s, checked = timed(lambda: staff_import(data=data, dry_run=True))
    assert checked.ok and checked.created == LINES, checked.errors[:3]
    import_s, imported = timed(lambda: staff_import(data=data))
    assert imported.ok and imported.created == LINES, imported.errors[:3]
    assert StaffProfile.objects.count() == LINES
    again_s, again = timed(lambda: staff_import(data=data))
    assert again.ok and again.unchanged == LINES

    per_line = 1_000_000 / LINES
    print(f"Datenbank: {vendor} ({database})")
    print(f"Datei: {LINES} Zeilen, {len(data) / 1024 / 1024:.1f} MB")
    print(
        f"Grundlinie csv-Modul (nur lesen): {parse_s:.2f} s; "
        f"bulk_create von {LINES} nackten Konten: {bulk_s:.2f} s"
    )
    print(
        f"Nur prüfen: {check_s:.2f} s ({check_s * per_line:.0f} µs/Zeile, "
        f"{check_s / parse_s:.1f}× csv-Modul)"
    )
    print(
        f"Import in leere Datenbank: {import_s:.2f} s ({import_s * per_line:.0f} "
        f"µs/Zeile, {import_s / bulk_s:.1f}× bulk_create)"
    )
    print(f"Derselbe Import noch einmal (alles unverändert): {again_s:.2f} s")
    target = check_s < 30 * LINES / 50000
    print(
        f"Ziel {LINES} Zeilen geprüft in unter {30 * LINES / 50000:.0f} s: "
        f"{'erreicht' if target else 'verfehlt'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
