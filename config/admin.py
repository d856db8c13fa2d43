"""Django's admin under /admin/ is for administrators only.

Django lets in every active account with `is_staff`; Lotse lets in administrators
(superusers and the group "Administration") and nobody else, whatever a staff flag
says. Training admins, trainers and heads work on Lotse's own pages and in /cms/.
"""

from django.contrib import admin

from lms.selectors.staff import is_administrator


class LotseAdminSite(admin.AdminSite):
    site_header = "Lotse – Verwaltung"
    site_title = "Lotse"
    index_title = "Verwaltung"

    def has_permission(self, request):
        return request.user.is_active and is_administrator(request.user)
