from lms import navigation as nav
from lms.selectors.org import user_roles


def navigation(request):
    """The menu entries this person may use, and their roles, for every page."""
    roles = user_roles(request.user) if hasattr(request, "user") else set()
    return {
        "nav_items": nav.entries_for(roles, request.path) if roles else [],
        "user_roles": roles,
        # Wagtail's user bar asks the database for permissions: only for authors.
        "can_author": bool(roles & nav.AUTHOR_ROLES),
    }
