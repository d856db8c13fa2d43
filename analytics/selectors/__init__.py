"""Every read of the analytics app (dashboards, API, the person's own page)."""
