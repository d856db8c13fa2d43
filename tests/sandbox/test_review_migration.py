"""The migration that introduced review marks the versions stored before it: the
newest per process is live (what everybody played), older ones are retired."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("sandbox", "0002_package_manifest_and_state_as_text")]
AFTER = [("sandbox", "0003_package_review")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_newest_version_of_each_process_becomes_live_the_rest_retired():
    old_apps = migrate(BEFORE)
    Package = old_apps.get_model("sandbox", "ProcessPackage")
    for process_id, version in [("a", 1), ("a", 2), ("a", 3), ("b", 1)]:
        Package.objects.create(
            process_id=process_id,
            version=version,
            title=process_id,
            bpmn="<x/>",
            sandbox_json="{}",
            digest=f"{process_id}{version}",
        )
    try:
        new_apps = migrate(AFTER)
        Package = new_apps.get_model("sandbox", "ProcessPackage")
        statuses = {(p.process_id, p.version): p.status for p in Package.objects.all()}
        assert statuses == {
            ("a", 1): "retired",
            ("a", 2): "retired",
            ("a", 3): "live",
            ("b", 1): "live",
        }
    finally:
        Package.objects.all().delete()
        call_command("migrate", verbosity=0)
