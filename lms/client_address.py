"""The one answer to "which address does this request come from?".

The login lockout (django-axes, through `AXES_CLIENT_IP_CALLABLE`) and the API
throttles ask here. Behind the TLS proxy every request arrives from the proxy's
address, so the client's own address has to come from `X-Forwarded-For` — a
header any client can also send. It is therefore read only when the request
really comes from a proxy named in `LOTSE_TRUSTED_PROXIES`; otherwise the
connection's address is the answer.

axes' built-in option, python-ipware, is not used: it never checks the
connection's address against the trusted proxies, so a forged header sent
straight to the application would be believed.
"""

from ipaddress import ip_address

from django.conf import settings


def client_address(request) -> str:
    """The client's address: from the right, the first hop that is not our proxy.

    Each proxy appends the address it received the request from to
    `X-Forwarded-For`. Walking from the right past our own proxies, the first
    other address is the client's; everything left of it was written by the
    client and proves nothing. A missing or malformed hop ends the walk at the
    connection's address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not is_trusted_proxy(remote):
        return remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        try:
            address = ip_address(hop.strip())
        except ValueError:
            return remote
        if not is_trusted_proxy(address):
            return str(address)
    return remote


def is_trusted_proxy(address) -> bool:
    """Is this address one of `LOTSE_TRUSTED_PROXIES`?"""
    try:
        address = ip_address(address)
    except ValueError:
        return False
    return any(address in network for network in settings.LOTSE_TRUSTED_PROXIES)
