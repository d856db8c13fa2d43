"""The `<id:…>` path converter for database ids in URLs.

Django's `<int:…>` takes digits of any length; SQLite then refuses a number past
64 bits with an error instead of finding nothing. Eighteen digits always fit, and
a longer number is simply an address that matches nothing (404).
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")
