"""What must be cleared away regularly, or tables grow for ever and stuck work shows as running.

Run once a minute by the task worker's housekeeping thread (`orderdesk worker`), and by
`orderdesk run-schedules` where cron runs schedules instead. Every step is safe to run on
several machines at once.
"""

import logging

logger = logging.getLogger("orderdesk.housekeeping")


def housekeeping_run() -> dict[str, int]:
    """Purge what has expired and fail exports whose worker died; returns counts by kind."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from orderdesk.api.idempotency import idempotency_records_purge
    from orderdesk.core.ratelimit import rate_limit_buckets_purge
    from orderdesk.exports.services import export_jobs_purge, export_jobs_recover

    now = timezone.now()
    done = {
        "export_jobs_failed": export_jobs_recover(now),
        "export_jobs_purged": export_jobs_purge(now),
        "idempotency_records_purged": idempotency_records_purge(now),
        "rate_limit_windows_purged": rate_limit_buckets_purge(now),
        # What `manage.py clearsessions` does, for the database session store used here.
        "sessions_purged": Session.objects.filter(expire_date__lt=now).delete()[0],
    }
    if any(done.values()):
        logger.info("housekeeping: %s", done)
    return done
