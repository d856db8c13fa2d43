"""Reads of the staff import: what the database holds for a check, and the jobs."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group

from lms import roles
from lms.models import OrgUnit, StaffImportJob, StaffProfile
from lms.staff_csv import Directory, Person

User = get_user_model()


def staff_directory() -> Directory:
    """Units, people with a profile and every username, in four queries.

    A check of 50,000 lines then needs no further query: everything it compares
    against sits in dictionaries.
    """
    unit_ids = dict(OrgUnit.objects.values_list("code", "id"))
    role_of_group = {
        group_id: roles.ROLE_BY_GROUP[name]
        for group_id, name in Group.objects.filter(
            name__in=roles.ROLE_BY_GROUP
        ).values_list("id", "name")
    }
    role_names: dict[int, set[str]] = {}
    memberships = User.groups.through.objects.filter(group_id__in=role_of_group)
    for user_id, group_id in memberships.values_list("user_id", "group_id").iterator(
        chunk_size=5000
    ):
        role_names.setdefault(user_id, set()).add(role_of_group[group_id])
    username_owners: dict[str, set[int]] = {}
    for user_id, username in User.objects.values_list("pk", "username").iterator(
        chunk_size=5000
    ):
        username_owners.setdefault(username.casefold(), set()).add(user_id)
    people = {}
    profiles = StaffProfile.objects.values_list(
        "personnel_number",
        "pk",
        "user_id",
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "user__is_superuser",
        "user__is_staff",
        "org_unit_id",
        "job_title",
        "left_on",
    )
    for (
        number,
        profile_id,
        user_id,
        username,
        first_name,
        last_name,
        email,
        is_superuser,
        is_staff,
        unit_id,
        job_title,
        left_on,
    ) in profiles.iterator(chunk_size=5000):
        people[number] = Person(
            user_id=user_id,
            profile_id=profile_id,
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            is_superuser=is_superuser,
            is_staff=is_staff,
            unit_id=unit_id,
            job_title=job_title,
            role_names=frozenset(role_names.get(user_id, ())),
            left_on=left_on,
        )
    return Directory(unit_ids=unit_ids, people=people, username_owners=username_owners)


def staff_import_job_for(
    *, user: AbstractBaseUser, job_id: int
) -> StaffImportJob | None:
    """The job if this person may see it (its uploader or an administrator).

    Its errors quote names and addresses from the file, so other people never
    see it. The file itself is not loaded.
    """
    jobs = StaffImportJob.objects.defer("data").filter(pk=job_id)
    if not getattr(user, "is_superuser", False):
        jobs = jobs.filter(uploaded_by_id=user.pk)
    return jobs.first()


def staff_import_jobs_recent(
    *, user: AbstractBaseUser, limit: int = 5
) -> list[StaffImportJob]:
    """This person's latest imports, newest first (without the files)."""
    jobs = StaffImportJob.objects.defer("data").filter(uploaded_by_id=user.pk)
    return list(jobs[:limit])
