"""The access log is append-only: no change and no delete through the app."""

import pytest

from analytics.models import AccessLog, AppendOnlyError
from analytics.services.access_log import access_log_record


@pytest.fixture
def entry(make_person):
    person = make_person(username="leitung")
    return access_log_record(
        user=person,
        action=AccessLog.Action.VIEW,
        target="dashboard",
        filters={"process": "x"},
    )


def test_access_log_records_who_what_filters_and_when(entry):
    stored = AccessLog.objects.get()
    assert stored.username == "leitung"
    assert (stored.action, stored.target) == ("view", "dashboard")
    assert stored.filters == {"process": "x"}
    assert stored.created_at is not None


def test_saving_an_existing_entry_is_refused(entry):
    entry.target = "anderes"
    with pytest.raises(AppendOnlyError):
        entry.save()
    assert AccessLog.objects.get().target == "dashboard"


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=entry.pk).delete()
    assert AccessLog.objects.count() == 1


def test_queryset_update_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.update(target="x")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.bulk_update([entry], ["target"])
    assert AccessLog.objects.get().target == "dashboard"
