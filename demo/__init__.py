"""The demo town "Musterstadt" and `seed_demo`: people, courses, process packages, progress.

A top layer like `config`: it may use every app's services, selectors and models, and
no app imports it. It has no models and is never needed in production.
"""
