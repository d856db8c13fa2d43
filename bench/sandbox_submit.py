"""Benchmark: submitting a sandbox task (load state, validate, advance, score, save).

Run as ``python bench/sandbox_submit.py`` (uses DATABASE_URL if set, e.g.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/lotse_bench``). It creates a
throw-away database (the configured name with a ``_bench`` suffix for PostgreSQL, a
temporary file for SQLite), imports the demo packages and then makes SUBMISSIONS
submissions spread over CONCURRENT runs in flight at once, interleaved step by step
and served by WORKERS processes (default: one per core, like gunicorn workers). Each run plays
"Hund anmelden" in practice mode; when it finishes a new run starts. As a baseline in the
same process it measures a bare ``SandboxRun.objects.get`` + ``save``.

Target: p95 of a submission < 30 ms.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ.setdefault("LOTSE_LOG_LEVEL", "WARNING")

SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "1000"))
CONCURRENT = int(os.environ.get("BENCH_CONCURRENT", "20"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))

VALUES = {
    "Task_Erfassen": {"rasse": "Labrador", "anzahl_hunde": 1},
    "Task_Gefahr": {"gefaehrlich": False},
    "Task_Uebergabe": {"steuer_anzahl": 1, "steuer_gefaehrlich": False},
    "Task_Bescheid": {"jahresbetrag": 90, "faelligkeit": "jährlich"},
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def worker(run_ids: list[str], count: int) -> tuple[list, list[float]]:
    """Submit ``count`` tasks, round-robin over ``run_ids`` (one process)."""
    from django.db import connections

    from sandbox import selectors, services
    from sandbox.models import SandboxRun

    connections.close_all()  # never share the parent's connection after fork
    runs = {
        run_id: SandboxRun.objects.select_related("package", "user").get(pk=run_id)
        for run_id in run_ids
    }
    submit: list[tuple[float, bool]] = []
    base: list[float] = []
    for number in range(count):
        run_id = run_ids[number % len(run_ids)]
        run = runs[run_id]
        start = time.perf_counter()
        row = SandboxRun.objects.get(pk=run_id)
        row.save()
        base.append(time.perf_counter() - start)

        if not run.is_active:  # finished: the result stays, start a new run
            run = services.run_start(
                user=run.user,
                process_id="hund_anmelden",
                case_id="labrador",
                mode="practice",
            )
        task = selectors.run_view(run=run)["ready_tasks"][0]
        start = time.perf_counter()
        run = services.run_submit_task(
            run=run, task_id=task["id"], data=VALUES[task["element"]]
        )
        submit.append((time.perf_counter() - start, not run.is_active))
        runs[run_id] = run
    connections.close_all()
    return submit, base


def main() -> int:
    import django

    django.setup()
    from bench.support.database import throwaway_database

    with throwaway_database() as (vendor, database):
        return run_benchmark(vendor, database)


def run_benchmark(vendor: str, database: str) -> int:
    from django.contrib.auth import get_user_model
    from django.db import connections

    from demo.sandboxes import seed
    from sandbox import services
    from sandbox.models import SandboxRun

    seed()
    User = get_user_model()
    users = [
        User.objects.create_user(username=f"bench{i}", password="x")
        for i in range(CONCURRENT)
    ]
    runs = [
        services.run_start(
            user=user, process_id="hund_anmelden", case_id="labrador", mode="practice"
        )
        for user in users
    ]

    # 20 runs are in flight at the same time, interleaved step by step, served by
    # WORKERS processes (like gunicorn workers; threads would only measure the GIL).
    run_ids = [str(run.pk) for run in runs]
    shares = [run_ids[i::WORKERS] for i in range(WORKERS)]
    per_worker = [SUBMISSIONS // WORKERS] * WORKERS
    per_worker[0] += SUBMISSIONS - sum(per_worker)
    connections.close_all()
    context = multiprocessing.get_context("fork")
    started = time.perf_counter()
    with context.Pool(WORKERS) as pool:
        results = pool.starmap(worker, zip(shares, per_worker, strict=True))
    elapsed = time.perf_counter() - started
    submit_pairs = [pair for submit, _base in results for pair in submit]
    submit_times = [t for t, _finished in submit_pairs]
    middle_times = [t for t, finished in submit_pairs if not finished]
    final_times = [t for t, finished in submit_pairs if finished]
    baseline_times = [t for _submit, base in results for t in base]

    def ms(value: float) -> str:
        return f"{value * 1000:.1f} ms"

    p50, p95 = percentile(submit_times, 0.50), percentile(submit_times, 0.95)
    b50, b95 = percentile(baseline_times, 0.50), percentile(baseline_times, 0.95)
    state_size = len(SandboxRun.objects.first().state.encode())
    print(f"Datenbank: {vendor} ({database})")
    print(
        f"{len(submit_times)} Abgaben über {CONCURRENT} gleichzeitige Durchläufe, "
        f"{WORKERS} Arbeitsprozesse, in {elapsed:.1f} s "
        f"({len(submit_times) / elapsed:.0f}/s)"
    )
    print(
        f"Abgabe (laden, prüfen, weiterschalten, bewerten, speichern): "
        f"p50 {ms(p50)}, p95 {ms(p95)}, Mittel {ms(statistics.mean(submit_times))}"
    )
    print(
        f"  davon Zwischenschritte ({len(middle_times)}): p50 "
        f"{ms(percentile(middle_times, 0.5))}, p95 {ms(percentile(middle_times, 0.95))}"
    )
    print(
        f"  davon letzte Schritte mit Bewertung und Signal an lms ({len(final_times)}): "
        f"p50 {ms(percentile(final_times, 0.5))}, p95 "
        f"{ms(percentile(final_times, 0.95))}"
    )
    print(f"Grundlinie (SandboxRun.objects.get + save): p50 {ms(b50)}, p95 {ms(b95)}")
    print(f"Verhältnis Abgabe/Grundlinie: p50 {p50 / b50:.1f}×, p95 {p95 / b95:.1f}×")
    print(
        f"Gespeicherter Zustand je Durchlauf: {state_size / 1024:.1f} KB (ohne Definition)"
    )
    target = p95 < 0.030
    print(f"Ziel p95 < 30 ms: {'erreicht' if target else 'verfehlt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
