from django.contrib.auth.decorators import login_required, permission_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from courses.selectors import editing as editing_selectors
from lms import roles
from lms.health import health_report
from lms.selectors.org import (
    org_tree,
    org_units_led_by,
    org_units_with_member_counts,
    staff_profile_of,
    user_roles,
)
from sandbox import selectors as sandbox_selectors


@login_required
def home(request):
    """The start page: one section per role the person has."""
    person_roles = user_roles(request.user)
    context = {
        "profile": staff_profile_of(request.user),
        "is_trainer": roles.TRAINER in person_roles,
        "is_head": roles.HEAD in person_roles,
        "is_training_admin": roles.TRAINING_ADMIN in person_roles,
        "is_admin": roles.ADMIN in person_roles,
        "led_units": org_tree(org_units_led_by(request.user))
        if roles.HEAD in person_roles
        else [],
    }
    if roles.TRAINER in person_roles or roles.ADMIN in person_roles:
        # The lead trainers' review duty: pages and sandbox versions waiting for them.
        context["pages_to_review"] = editing_selectors.pages_awaiting_review(
            request.user
        )
        context["packages_to_review"] = (
            sandbox_selectors.packages_pending_review()
            if request.user.has_perm(sandbox_selectors.PUBLISH_PERMISSION)
            else []
        )
    return render(request, "lms/home.html", context)


@login_required
@permission_required("lms.view_orgunit", raise_exception=True)
def org_overview(request):
    units = org_tree(org_units_with_member_counts())
    return render(request, "lms/org_overview.html", {"units": units})


@never_cache
@require_GET
def healthz_live(request):
    """Liveness: the process answers. No database, cache or broker is asked.

    A load balancer's liveness probe restarts or drops an instance on failure, so
    it must not fail because a shared service is down (that would take out every
    instance at once); readiness, with those services, is `/healthz`. It is also
    the baseline of every figure in bench/: the cheapest request Django serves.
    """
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def healthz(request):
    """Readiness: database, cache and broker answer (200), or which one fails (503)."""
    healthy, report = health_report()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": report},
        status=200 if healthy else 503,
    )


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
