"""gunicorn settings read from the working directory (deploy/systemd, tests, bench).

Which proxy headers to believe is Lotse's decision alone: `X-Forwarded-Proto` and
`X-Forwarded-For` count only from LOTSE_TRUSTED_PROXIES (lms/middleware.py,
lms/client_address.py). gunicorn would otherwise turn `X-Forwarded-Proto: https`
from any client on 127.0.0.1 into an HTTPS request on its own.
"""

secure_scheme_headers: dict[str, str] = {}
