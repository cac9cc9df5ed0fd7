"""A pytest plugin (`-p orderdesk.testing`, set in pyproject.toml) that sets the environment
the test suite runs in. It is imported before pytest-django loads Django's settings, which a
conftest.py is not."""

import os

# Background tasks run at once, inside the test, instead of waiting for a worker.
os.environ["ORDERDESK_TASK_BACKEND"] = "immediate"
