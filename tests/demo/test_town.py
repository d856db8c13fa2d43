from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.accounts import (
    ADMIN_USERNAME,
    DEMO_PASSWORD,
    EMPLOYEE_USERNAME,
    HEAD_USERNAME,
    TRAINER_USERNAME,
    TRAINING_ADMIN_USERNAME,
)
from lms import roles
from lms.models import OrgUnit, StaffProfile
from lms.selectors.org import user_roles

User = get_user_model()


def counts():
    return User.objects.count(), OrgUnit.objects.count(), StaffProfile.objects.count()


def test_seed_creates_musterstadt_and_is_idempotent(demo_town, capsys):
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert StaffProfile.objects.count() == 230
    assert 12 <= OrgUnit.objects.count() <= 16
    assert EMPLOYEE_USERNAME in capsys.readouterr().out


def test_seed_has_small_units_and_heads_everywhere(demo_town):
    small = [u for u in OrgUnit.objects.all() if u.members.count() < 5]
    assert len(small) >= 3
    assert all(u.heads.exists() for u in OrgUnit.objects.all())


def test_demo_logins_have_their_roles(demo_town):
    expected = {
        ADMIN_USERNAME: roles.ADMIN,
        TRAINER_USERNAME: roles.TRAINER,
        TRAINING_ADMIN_USERNAME: roles.TRAINING_ADMIN,
        HEAD_USERNAME: roles.HEAD,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert role in user_roles(user)
    erika = User.objects.get(username=EMPLOYEE_USERNAME)
    assert user_roles(erika) == {roles.EMPLOYEE}
    assert erika.staff.org_unit.code == "ordnungsamt"
    assert (
        OrgUnit.objects.get(code="ordnungsamt")
        .heads.filter(username=HEAD_USERNAME)
        .exists()
    )


def test_only_the_administrator_has_the_staff_flag(demo_town):
    """Django's admin is for administrators; the demo gives the flag to nobody else."""
    staff = set(User.objects.filter(is_staff=True).values_list("username", flat=True))
    assert staff == {ADMIN_USERNAME}
