"""The composition root's app configurations."""

from django.contrib.admin.apps import AdminConfig


class LotseAdminConfig(AdminConfig):
    """Django's admin with Lotse's site (administrators only, see config/admin.py)."""

    default_site = "config.admin.LotseAdminSite"
