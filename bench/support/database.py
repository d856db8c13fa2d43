"""A throw-away database for one benchmark run: never a real one, never the tests'."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def throwaway_database() -> Iterator[tuple[str, str]]:
    """Create an empty, migrated database; yield (vendor, name); drop it afterwards.

    SQLite: a temporary file with a busy timeout, since some benchmarks write from
    several processes. PostgreSQL: the configured name with a ``_bench`` suffix, so
    a test run using ``test_<name>`` at the same time is not disturbed.
    """
    from django.conf import settings
    from django.db import connection, connections
    from django.test.utils import setup_test_environment

    setup_test_environment()
    default = connections["default"]
    if connection.vendor == "sqlite":
        handle, path = tempfile.mkstemp(suffix=".sqlite3")
        os.close(handle)
        settings.DATABASES["default"]["NAME"] = path
        default.settings_dict["TEST"]["NAME"] = path
        default.settings_dict["OPTIONS"].update(
            timeout=30, transaction_mode="IMMEDIATE"
        )
        default.close()
    else:
        default.settings_dict["TEST"]["NAME"] = default.settings_dict["NAME"] + "_bench"
    name = default.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield connection.vendor, name
    finally:
        connections.close_all()
        default.creation.destroy_test_db(name, verbosity=0)
