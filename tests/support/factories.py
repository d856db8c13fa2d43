import factory
from django.contrib.auth import get_user_model

from lms.models import OrgUnit, StaffProfile


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"einheit-{n}")
    name = factory.Sequence(lambda n: f"Einheit {n}")
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Maxi"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@musterstadt.example")

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or "geheim-123")
        if create:
            user.save(update_fields=["password"])


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    personnel_number = factory.Sequence(lambda n: f"T{n:05d}")
    org_unit = factory.SubFactory(OrgUnitFactory)
    job_title = "Sachbearbeitung"
