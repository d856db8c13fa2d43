from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from rest_framework.authtoken.models import Token

from analytics.api.authentication import API_CLIENT_GROUP


class Command(BaseCommand):
    help = (
        "Legt ein Konto für ein Fachverfahren an, das Nutzungszahlen meldet, und "
        "gibt sein API-Token aus. Das Token darf nichts anderes."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.set_unusable_password()
        user.save()
        user.groups.set([Group.objects.get(name=API_CLIENT_GROUP)])
        token, _created = Token.objects.get_or_create(user=user)
        self.stdout.write(token.key)
