"""`orderdesk check --deploy` with a production-like environment reports nothing."""

import os
import secrets
import subprocess
import sys


def test_given_production_settings_when_deploy_checked_then_no_issues(tmp_path):
    env = {name: value for name, value in os.environ.items() if not name.startswith("ORDERDESK_")}
    env.update(
        {
            "ORDERDESK_DEBUG": "0",
            "ORDERDESK_HTTPS": "1",
            "ORDERDESK_SECRET_KEY": secrets.token_urlsafe(64),
            "ORDERDESK_ALLOWED_HOSTS": "orders.example.com",
            "ORDERDESK_DATA_DIR": str(tmp_path),
            # Production sends real e-mail; the console backend is for the embedded default.
            "ORDERDESK_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        }
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the command sets its own

    result = subprocess.run(
        [sys.executable, "-m", "orderdesk.cli", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    output = result.stdout + result.stderr
    assert "System check identified no issues" in output, output
    assert result.returncode == 0, output
