"""Generations of a person's cached state: replaced whenever it changes.

Whatever is cached per person (rendered fragments in `lms.fragments`, roles in
`lms.selectors.org`) is kept under a key holding two generations:

- the person's own, replaced whenever one of their enrolments, lesson progress,
  certificates, notifications, profile, account or roles changes (receivers in
  `lms.signals`, and `person_changed` in services that write with `update()`);
- the one of all people, replaced by bulk writes such as the staff import.

Generations are random tokens, not counters: a token the cache evicted is
replaced by a new one, so an old entry can never come back.

The person's account row is kept here too (`cached_account`): Django's session
authentication reads it on every request. It has a generation of its own, renewed
by every write of the row and every change of the person's roles
(`account_changed`; a login too: it saves `last_login`), so that a quiz answer or
a sandbox step makes the next request read neither the account nor the roles
(`lms.selectors.org.user_roles`) again. It holds the password hash, so the cache must be
as private as the sessions it already holds.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction

from common import request_memo

PEOPLE_KEY = "lms:people:generation"
ACCOUNT_TTL = 600  # seconds; the entry names its generations, this only frees memory


def _memo() -> dict | None:
    """The generations this request has read (start page: roles and fragments ask)."""
    return request_memo.memo("lms-people")


def _person_key(user_id: int) -> str:
    return f"lms:person:{user_id}:generation"


def _account_key(user_id) -> str:
    return f"lms:person:{user_id}:account"


def _account_generation_key(user_id) -> str:
    return f"lms:person:{user_id}:account-generation"


def _renew(key: str) -> None:
    cache.set(key, uuid.uuid4().hex, None)
    memo = _memo()
    if memo is not None:
        memo.clear()


def _renew_now_and_after_commit(key: str) -> None:
    # Now, so this process sees its own write at once; and after commit, so that a
    # request which read the new token before the commit and rendered the old
    # state cannot leave that state under the token that stays.
    _renew(key)
    transaction.on_commit(lambda: _renew(key))


def person_changed(user_id: int) -> None:
    """Something shown in this person's fragments changed: render them anew."""
    _renew_now_and_after_commit(_person_key(user_id))


def account_changed(user_id: int) -> None:
    """The person's account row or roles changed: read them from the database again."""
    _renew_now_and_after_commit(_account_generation_key(user_id))


def people_changed() -> None:
    """Many people changed at once (a bulk write): render everyone's anew."""
    _renew_now_and_after_commit(PEOPLE_KEY)


def person_generations(user) -> list[str]:
    """The person's generation and that of all people (one cache round trip)."""
    memo = _memo()
    if memo is not None and user.pk in memo:
        return memo[user.pk]
    generations = _current([_person_key(user.pk), PEOPLE_KEY])
    if memo is not None:
        memo[user.pk] = generations
    return generations


def cached_account(user_id):
    """The person's account as kept under its current generation, or None.

    One round trip reads the person's generations and the account's; the person's
    stay in the request's memo, so the pages' keys ask no further.
    """
    keys = [
        _person_key(user_id),
        PEOPLE_KEY,
        _account_generation_key(user_id),
        _account_key(user_id),
    ]
    found = cache.get_many(keys)
    person, people, account = (found.get(key) for key in keys[:3])
    memo = _memo()
    if memo is not None and person is not None and people is not None:
        memo[user_id] = [person, people]
    if memo is not None and account is not None and people is not None:
        memo[("account", user_id)] = [account, people]
    entry = found.get(keys[3])
    if account is None or entry is None or entry[0] != [account, people]:
        return None
    return entry[1]


def keep_account(user, generations: list[str]) -> None:
    """Keep the account just read from the database under the generations read
    before it (`account_generations`): a write in between renews them after commit."""
    cache.set(_account_key(user.pk), (generations, user), ACCOUNT_TTL)


def account_generations(user_id) -> list[str]:
    """The account's generation and that of all people, as `cached_account` saw
    them (or read now): what the account and the person's roles are kept under."""
    memo = _memo()
    if memo is not None and ("account", user_id) in memo:
        return memo[("account", user_id)]
    generations = _current([_account_generation_key(user_id), PEOPLE_KEY])
    if memo is not None:
        memo[("account", user_id)] = generations
    return generations


def _current(keys: list[str]) -> list[str]:
    """The tokens under these keys (one round trip), each made where missing."""
    found = cache.get_many(keys)
    for key in keys:
        if found.get(key) is None:
            cache.add(key, uuid.uuid4().hex, None)  # another process may win
            # Evicted or flushed at once: a token of this request's own, which
            # no entry is kept under.
            found[key] = cache.get(key) or uuid.uuid4().hex
    return [found[key] for key in keys]
