def only_public_api(endpoints):
    """Document only our API under /api/v1/, not Wagtail's internal admin API."""
    return [e for e in endpoints if e[0].startswith("/api/v1/")]
