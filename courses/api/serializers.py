"""Explicit, read-only serializers of the course API (plain dicts from selectors in)."""

from rest_framework import serializers


class CourseListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Seiten-ID des Kurses")
    slug = serializers.CharField()
    title = serializers.CharField()
    initiative = serializers.CharField(help_text="Veränderungsvorhaben / Prozess")
    lessons = serializers.IntegerField(help_text="Anzahl veröffentlichter Lektionen")
    estimated_minutes = serializers.IntegerField()


class LessonItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    order = serializers.IntegerField(help_text="Position im Kurs, ab 1")


class CourseDetailSerializer(CourseListItemSerializer):
    lesson_list = LessonItemSerializer(
        many=True, help_text="Veröffentlichte Lektionen in ihrer Reihenfolge"
    )


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField()
