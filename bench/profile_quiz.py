"""Where a quiz submission's time goes: CPU, queries and Redis calls, in-process.

A submission is what a learner's browser does (and ``bench/locustfile.py``): the
quiz form's POST on a lesson page and the GET of the lesson page it redirects to.
Run as ``python bench/profile_quiz.py [--reseed] [--profile] [--sql]`` with the
environment of ``bench/profile_pages.py`` (production settings, Redis cache, the
demo town, Django's test client). Twenty demo staff members submit the first quiz
of the demo in turn, each a few times as in the peak, alternating between two
answer sets (the first option of each question, as the locustfile sends, and the
right answers), so none is taken for a double click and every other one passes.
Submissions add attempts and complete lessons: ``--reseed`` before each
measurement that is to be compared with another.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PEOPLE = 20

from bench.profile_pages import REQUESTS, RedisCalls, prepare  # noqa: E402


def _quiz_lesson():
    """The demo's first lesson with a quiz, its form address and two answer sets."""
    from courses.models import LessonPage
    from lms.grading import form_values_from_answers
    from lms.selectors import content

    lesson = next(
        page
        for page in LessonPage.objects.live().order_by("path")
        if any(block.block_type == "quiz" for block in page.body)
    )
    block = next(block for block in lesson.body if block.block_type == "quiz")
    quiz = content.quiz_get(lesson_id=lesson.id, block_id=block.id)
    right = form_values_from_answers(
        quiz, {question.id: question.correct for question in quiz.questions}
    )
    first = dict(right)  # the first radio of each question, as the locustfile sends
    for question in quiz.questions:
        if question.kind in ("single", "true_false"):
            first[f"q-{question.id}"] = [question.options[0].id]
    action = f"/lernen/quiz/{lesson.id}/{block.id}/"
    return lesson.url, action, [first, right]


CPU = {"post": 0.0, "get": 0.0}  # seconds, summed over the submissions


def _submit(client, action: str, answers: dict) -> None:
    started = time.process_time()
    response = client.post(action, answers)
    posted = time.process_time()
    assert response.status_code == 302, response.status_code
    page = client.get(response["Location"])
    CPU["post"] += posted - started
    CPU["get"] += time.process_time() - posted
    assert page.status_code == 200, page.status_code


def _people(count: int) -> list:
    """Test clients of the first demo staff members, each logged in."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = (
        get_user_model()
        .objects.filter(staff__isnull=False, is_active=True, is_superuser=False)
        .order_by("username")[:count]
    )
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", action="store_true", help="print a CPU profile")
    parser.add_argument("--sql", action="store_true", help="print the queries")
    parser.add_argument("--dump", help="with --profile: also write the stats here")
    parser.add_argument("--reseed", action="store_true")
    arguments = parser.parse_args()
    prepare(arguments.reseed)
    from django.db import connection

    url, action, answer_sets = _quiz_lesson()
    # Each person submits a few times, as in the peak: their attempts stay few.
    clients = _people(PEOPLE + 1)
    counted, clients = clients[0], clients[1:]
    print(f"{url} → POST {action}")
    for client in clients:  # warm the caches: everyone has seen the page once
        assert client.get(url).status_code == 200

    def submissions() -> None:
        for number in range(REQUESTS):
            client = clients[number % len(clients)]
            _submit(client, action, answer_sets[(number // len(clients)) % 2])

    if arguments.profile:
        # CPU time, not wall time: waits for PostgreSQL and Redis do not count.
        profiler = cProfile.Profile(time.process_time)
        profiler.runcall(submissions)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(80)
        if arguments.dump:
            profiler.dump_stats(arguments.dump)
        return 0
    print(f"load average {os.getloadavg()[0]:.1f}; {REQUESTS} submissions\n")
    counted.get(url)
    for number, label in enumerate(("first options", "right answers")):
        queries: list[str] = []

        def record(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record), RedisCalls() as redis_calls:
            _submit(counted, action, answer_sets[number])
        print(f"{label}: {len(queries)} queries, {redis_calls.count} Redis calls")
        if arguments.sql:
            for sql in queries:
                print("    " + sql[:300])
            for command in redis_calls.commands:
                print("    redis " + " ".join(command.split("\r\n")[2::2])[:200])
    started = time.process_time()
    wall = time.perf_counter()
    CPU.update(post=0.0, get=0.0)
    submissions()
    cpu = 1000 * (time.process_time() - started) / REQUESTS
    wall_ms = 1000 * (time.perf_counter() - wall) / REQUESTS
    print(
        f"\nCPU ms per submission (POST + GET): {cpu:.1f} "
        f"(POST {1000 * CPU['post'] / REQUESTS:.1f}, "
        f"GET {1000 * CPU['get'] / REQUESTS:.1f}); wall ms {wall_ms:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
