"""Start Ralph's LRS API on an inherited socket (run with Ralph's own Python).

Works around ralph-malph 5.1.0: its file-system backend refuses every write after
the first (the API writes without an operation type and the default, create,
refuses an existing file), so the default becomes append. One worker, because
appends to the file are not locked.
"""

import json
import os
import sys

import bcrypt

app_dir = os.environ["RALPH_APP_DIR"]
auth_file = os.path.join(app_dir, "auth.json")
password = os.environ["LRS_PASSWORD"].encode()
with open(auth_file, "w") as handle:
    json.dump(
        [
            {
                "agent": {
                    "mbox": "mailto:lrs@musterstadt.example",
                    "objectType": "Agent",
                    "name": "Lotse",
                },
                "scopes": ["all"],
                "username": os.environ["LRS_USERNAME"],
                "hash": bcrypt.hashpw(password, bcrypt.gensalt()).decode(),
            }
        ],
        handle,
    )
os.environ["RALPH_AUTH_FILE"] = auth_file

from ralph.backends.data.base import BaseOperationType  # noqa: E402
from ralph.backends.lrs.fs import FSLRSBackend  # noqa: E402

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

import uvicorn  # noqa: E402
from ralph.api import app  # noqa: E402

uvicorn.run(app, fd=int(sys.argv[1]), workers=1, log_level="warning")
