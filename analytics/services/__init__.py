"""Every write of the analytics app."""
