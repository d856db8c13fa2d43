"""Wagtail's page view with the route from the shared cache (`courses.page_cache`)."""

from wagtail import views as wagtail_views

from courses import page_cache


def serve(request, path):
    """Serve a page as Wagtail does; the site and route come from the cache.

    Wagtail's hooks run unchanged: the request method check, view restrictions
    and the page's own `serve` (login required).
    """
    routed = hasattr(request, "_wagtail_route_for_request")  # by lms.person_pages
    if request.method in ("GET", "HEAD") and not routed:
        page_cache.route_from_cache(request, path)
    return wagtail_views.serve(request, path)
