"""Generations of a person's cached state: replaced whenever it changes.

Whatever is cached per person (whole pages in `lms.person_pages`, fragments in
`lms.fragments`, learner states in `lms.selectors.progress`, roles in
`lms.selectors.org`) is kept under a key holding the generations it depends on:

- the person's own, replaced whenever their notifications, profile, account,
  roles, sandbox runs or survey answers change (receivers in `lms.signals`, and
  `person_changed` in services that write with `update()`);
- per course, the person's state in it, replaced by every write of one of their
  enrolments, lesson progress, acknowledgements, quiz attempts or certificates
  there (`learning_changed`), together with the person's learning generation,
  which every course shares (a quiz attempt only the course's: no page showing
  all courses shows attempts; an enrolment renews the person's own generation as
  well: it decides what they are assigned, e.g. which surveys ask them);
- the one of all people, replaced by bulk writes such as the staff import.

So a page that shows all of a person's courses (start page, "Meine Schulungen",
the catalogue) is kept under `person_generations`, and a course's own pages under
`course_generations`: a finished lesson renders that course's pages and the
overviews anew, a quiz answer only that course's pages, and neither touches the
pages of the person's other courses.

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
    """The tokens this request has read, by key (a page's key, its fragments and
    the learner state each ask for them)."""
    return request_memo.memo("lms-people")


def _person_key(user_id: int) -> str:
    return f"lms:person:{user_id}:generation"


def _learning_key(user_id: int) -> str:
    return f"lms:person:{user_id}:learning-generation"


def _course_key(user_id: int, course_id: int) -> str:
    return f"lms:person:{user_id}:course:{course_id}:generation"


def _account_key(user_id) -> str:
    return f"lms:person:{user_id}:account"


def _account_generation_key(user_id) -> str:
    return f"lms:person:{user_id}:account-generation"


def _renew(*keys: str) -> None:
    cache.set_many({key: uuid.uuid4().hex for key in keys}, None)
    memo = _memo()
    if memo is not None:
        memo.clear()


def _renew_now_and_after_commit(*keys: str) -> None:
    # Now, so this process sees its own write at once; and after commit, so that a
    # request which read the new token before the commit and rendered the old
    # state cannot leave that state under the token that stays.
    _renew(*keys)
    transaction.on_commit(lambda: _renew(*keys))


def person_changed(user_id: int) -> None:
    """Something shown on this person's pages changed: render them anew."""
    _renew_now_and_after_commit(_person_key(user_id))


def learning_changed(user_id: int, course_id: int) -> None:
    """The person's state in a course changed: that course's pages, the learner
    state and the pages showing all their courses are rendered anew."""
    _renew_now_and_after_commit(_course_key(user_id, course_id), _learning_key(user_id))


def course_state_changed(user_id: int, course_id: int) -> None:
    """Something only that course's pages show changed (a quiz attempt: the pages
    showing all courses count lessons and completions, not attempts)."""
    _renew_now_and_after_commit(_course_key(user_id, course_id))


def account_changed(user_id: int) -> None:
    """The person's account row or roles changed: read them from the database again."""
    _renew_now_and_after_commit(_account_generation_key(user_id))


def people_changed() -> None:
    """Many people changed at once (a bulk write): render everyone's anew."""
    _renew_now_and_after_commit(PEOPLE_KEY)


def person_generations(user, *, courses: bool = True) -> list[str]:
    """What a page showing all of the person's courses is kept under; without
    `courses`, what shows nothing of their progress (their enrolments renew the
    person's own generation as well)."""
    if not courses:
        return _current([_person_key(user.pk), PEOPLE_KEY])
    return _current([_person_key(user.pk), _learning_key(user.pk), PEOPLE_KEY])


def course_generations(user, course_id: int) -> list[str]:
    """What a course's pages are kept under for this person."""
    return _current([_person_key(user.pk), _course_key(user.pk, course_id), PEOPLE_KEY])


def course_state_generations(user_id: int, course_id: int) -> list[str]:
    """What the person's learner state in a course is kept under."""
    return _current([_course_key(user_id, course_id), PEOPLE_KEY])


def cached_account(user_id):
    """The person's account as kept under its current generation, or None.

    One round trip reads the account with its generations and the person's; they
    stay in the request's memo, so the pages' keys ask no further.
    """
    generations = [
        _account_generation_key(user_id),
        PEOPLE_KEY,
        _person_key(user_id),
        _learning_key(user_id),
    ]
    found = cache.get_many([*generations, _account_key(user_id)])
    memo = _memo()
    if memo is not None:
        memo.update({key: found[key] for key in generations if found.get(key)})
    account, people = found.get(generations[0]), found.get(PEOPLE_KEY)
    entry = found.get(_account_key(user_id))
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
    return _current([_account_generation_key(user_id), PEOPLE_KEY])


def _current(keys: list[str]) -> list[str]:
    """The tokens under these keys (one round trip for those this request has not
    read yet), each made where missing."""
    memo = _memo()
    known = memo if memo is not None else {}
    missing = [key for key in keys if key not in known]
    found = cache.get_many(missing) if missing else {}
    for key in missing:
        if found.get(key) is None:
            cache.add(key, uuid.uuid4().hex, None)  # another process may win
            # Evicted or flushed at once: a token of this request's own, which
            # no entry is kept under.
            found[key] = cache.get(key) or uuid.uuid4().hex
    if memo is not None:
        memo.update(found)
    return [known.get(key) or found[key] for key in keys]
