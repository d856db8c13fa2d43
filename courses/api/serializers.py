"""Explicit, read-only serializers of the course API (plain dicts from selectors in)."""

from rest_framework import serializers


class CourseListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Seiten-ID des Kurses")
    slug = serializers.CharField(help_text="Kurzname des Kurses in seiner Adresse")
    title = serializers.CharField(help_text="Titel des Kurses")
    initiative = serializers.CharField(help_text="Veränderungsvorhaben / Prozess")
    lessons = serializers.IntegerField(help_text="Anzahl veröffentlichter Lektionen")
    estimated_minutes = serializers.IntegerField(
        help_text="Geschätzte Dauer in Minuten"
    )


class LessonItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Seiten-ID der Lektion")
    title = serializers.CharField(help_text="Titel der Lektion")
    slug = serializers.CharField(help_text="Kurzname der Lektion in ihrer Adresse")
    order = serializers.IntegerField(help_text="Position im Kurs, ab 1")


class CourseDetailSerializer(CourseListItemSerializer):
    lesson_list = LessonItemSerializer(
        many=True, help_text="Veröffentlichte Lektionen in ihrer Reihenfolge"
    )
