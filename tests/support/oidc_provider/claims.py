"""Claims the town's provider gives: names, e-mail, and a scope `lotse` with the
personnel number, the org unit code and the groups (from the user's first and
last name, e-mail, and fields kept in `Group`s named `number:`, `unit:`, `group:`)."""

from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims, user):
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["name"] = user.get_full_name()
    claims["preferred_username"] = user.username
    claims["email"] = user.email
    claims["email_verified"] = True
    return claims


def _tagged(user, prefix: str) -> list[str]:
    names = user.groups.values_list("name", flat=True)
    return [n[len(prefix) :] for n in names if n.startswith(prefix)]


class TownScopeClaims(ScopeClaims):
    info_lotse = ("Lotse", "Personalnummer, Organisationseinheit und Gruppen.")

    def scope_lotse(self):
        numbers = _tagged(self.user, "number:")
        units = _tagged(self.user, "unit:")
        return {
            "personnel_number": numbers[0] if numbers else "",
            "department": units[0] if units else "",
            "groups": _tagged(self.user, "group:"),
        }
