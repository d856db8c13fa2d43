"""Password hashing sized for the 8:00 peak: all staff log in within a minute.

Argon2id with OWASP's first recommended parameter set (19 MiB of memory, two
passes, one lane) instead of Django's default (100 MiB, two passes, eight lanes).
Measured on the 2-core machine this project runs on (bench/README.md): one hash
costs about 27 ms of CPU instead of about 230 ms, so 230 logins in a minute take
about 0.1 core-seconds per second (5 % of two cores) instead of 0.9 (44 %),
leaving the cores to the pages everyone opens next. Still memory-hard: each
guess costs an attacker 19 MiB.

The algorithm name stays "argon2": existing hashes keep verifying, and Django
re-hashes a password with these parameters at the person's next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class PeakArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
