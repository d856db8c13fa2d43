"""The main navigation: one list of entries, each shown only to the roles using it.

Later features add their entry here, so the menu stays in one place.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lms import roles


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    target: str  # a URL name, or a path for pages Wagtail serves
    roles: frozenset[str]
    # Shown only when this setting is set (a feature the installation switched on).
    setting: str = ""


ALL = frozenset(roles.ROLES)
# Who edits content in Wagtail (the "Redaktion" entry; Wagtail's user bar on pages).
AUTHOR_ROLES = frozenset({roles.TRAINER, roles.TRAINING_ADMIN, roles.ADMIN})

NAV_ENTRIES = [
    NavEntry(_("Start"), "home", ALL),
    NavEntry(_("Meine Schulungen"), "learning:my_training", ALL),
    NavEntry(_("Kurse"), "/kurse/", ALL),  # the catalogue page, served by Wagtail
    NavEntry(_("Übungsräume"), "sandbox:process_list", ALL),
    NavEntry(
        _("Nachweise"),
        "learning:compliance",
        frozenset({roles.HEAD, roles.TRAINING_ADMIN, roles.ADMIN}),
    ),
    NavEntry(
        _("Auswertungen"),
        "analytics:dashboard",
        frozenset({roles.HEAD, roles.TRAINING_ADMIN, roles.ADMIN}),
    ),
    NavEntry(
        _("Organisation"),
        "org_overview",
        frozenset({roles.TRAINING_ADMIN, roles.ADMIN}),
    ),
    # Staff, imports and rules are reached from "Organisation": the training admin's
    # menu holds eight entries and fits on one line at 1366 px.
    NavEntry(
        _("Kursbörse"),
        "exchange:catalogue",
        frozenset({roles.TRAINING_ADMIN, roles.ADMIN}),
        setting="LOTSE_EXCHANGE_URL",
    ),
    NavEntry(
        _("Redaktion"),
        "wagtailadmin_home",
        AUTHOR_ROLES,
    ),
    # Django's admin is for administrators; the training admin's rules, people and
    # imports are under "Organisation".
    NavEntry(_("Verwaltung"), "admin:index", frozenset({roles.ADMIN})),
    NavEntry(_("API"), "api-docs", frozenset({roles.ADMIN})),
]


def entries_for(user_roles: set[str], current_path: str) -> list[dict]:
    items = []
    for entry in NAV_ENTRIES:
        if not entry.roles & user_roles:
            continue
        if entry.setting and not getattr(settings, entry.setting, None):
            continue
        url = entry.target if entry.target.startswith("/") else reverse(entry.target)
        items.append({"label": entry.label, "url": url, "current": False})
    # The entry with the longest matching URL is the current one: on
    # /organisation/beschaeftigte/ that is "Beschäftigte", not "Organisation".
    matching = [
        item
        for item in items
        if item["url"] == current_path
        or (item["url"] != "/" and current_path.startswith(item["url"]))
    ]
    if matching:
        max(matching, key=lambda item: len(item["url"]))["current"] = True
    return items
