"""The review in the CMS (/cms/, "Übungsräume"): the pending list, "Freigeben" with a
confirmation, "Ablehnen" with a comment, and the lead trainers' dashboard panel."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sandbox.models import ProcessPackage
from tests.support.sandbox import changed_package

pytestmark = pytest.mark.django_db

NEW_TEXT = "Neu formuliert: Erfassen Sie die Anmeldung."
VERSION_2 = {"process_id": "hund_anmelden", "version": 2}


def with_admin_access(user):
    user.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def cms_trainer(client, trainer):
    client.force_login(with_admin_access(trainer))
    return client


@pytest.fixture
def cms_lead(client, lead):
    client.force_login(with_admin_access(lead))
    return client


@pytest.fixture
def pending_v2(demo_packages, client, trainer):
    client.force_login(with_admin_access(trainer))
    response = client.post(
        reverse("sandbox_admin:index"),
        {
            "file": SimpleUploadedFile(
                "paket.zip", changed_package("hund_anmelden", NEW_TEXT)
            )
        },
        follow=True,
    )
    page = response.content.decode()
    assert "wurde als Version 2 importiert und wartet auf die Freigabe" in page
    assert "wartet auf Freigabe" in page
    assert "Freigeben" not in page  # trainers cannot approve
    client.logout()
    return ProcessPackage.objects.get(process_id="hund_anmelden", version=2)


def test_lead_trainers_see_the_pending_list_and_approve_after_confirming(
    pending_v2, cms_lead
):
    page = cms_lead.get(reverse("sandbox_admin:index")).content.decode()
    assert "Warten auf Freigabe" in page
    approve = reverse("sandbox_admin:approve", kwargs=VERSION_2)
    reject = reverse("sandbox_admin:reject", kwargs=VERSION_2)
    assert approve in page and reject in page

    confirm = cms_lead.get(approve).content.decode()
    assert "Wirklich freigeben?" in confirm
    assert "Version 1 wird abgelöst" in confirm
    assert "Ja, freigeben" in confirm
    assert ProcessPackage.objects.get(pk=pending_v2.pk).awaits_review

    response = cms_lead.post(approve, {"comment": ""}, follow=True)
    page = response.content.decode()
    assert "Version 2 von „Hund anmelden“ ist freigegeben." in page
    assert ProcessPackage.objects.get(pk=pending_v2.pk).is_live
    assert "abgelöst" in page  # version 1 in the versions table


def test_rejecting_in_the_cms_needs_a_reason_and_shows_it(pending_v2, cms_lead):
    reject = reverse("sandbox_admin:reject", kwargs=VERSION_2)
    response = cms_lead.post(reject, {"comment": ""})
    assert response.status_code == 400
    assert "Bitte begründen Sie die Ablehnung" in response.content.decode()
    assert ProcessPackage.objects.get(pk=pending_v2.pk).awaits_review

    response = cms_lead.post(reject, {"comment": "Die Frist fehlt."}, follow=True)
    page = response.content.decode()
    assert "wurde abgelehnt. Beschäftigte üben weiter mit Version 1." in page
    assert "Die Frist fehlt." in page
    assert ProcessPackage.objects.get(pk=pending_v2.pk).status == "rejected"
    # Decided once: the review pages send back with a message.
    response = cms_lead.get(reverse("sandbox_admin:approve", kwargs=VERSION_2))
    assert response.status_code == 302


def test_trainers_cannot_open_the_review_pages(pending_v2, cms_trainer):
    """Wagtail answers a refused admin page with a redirect to the dashboard."""
    for name in ("sandbox_admin:approve", "sandbox_admin:reject"):
        url = reverse(name, kwargs=VERSION_2)
        for response in (cms_trainer.get(url), cms_trainer.post(url, {"comment": "x"})):
            assert (response.status_code, response["Location"]) == (302, "/cms/")
    assert ProcessPackage.objects.get(pk=pending_v2.pk).awaits_review


def test_the_dashboard_shows_lead_trainers_what_waits(pending_v2, cms_lead, client):
    page = cms_lead.get(reverse("wagtailadmin_home")).content.decode()
    assert "Übungsräume, die auf Ihre Freigabe warten" in page
    assert reverse("sandbox_admin:approve", kwargs=VERSION_2) in page


def test_the_dashboard_panel_is_not_shown_to_trainers(pending_v2, cms_trainer):
    page = cms_trainer.get(reverse("wagtailadmin_home")).content.decode()
    assert "Übungsräume, die auf Ihre Freigabe warten" not in page
