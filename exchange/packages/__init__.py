"""The course package format `lotse-course/1`: build, read and check, remap.

Nothing here writes to the database; `exchange.services` does, in one transaction.
"""
