"""Issue #8, point 5: a worker killed with SIGKILL in the middle of a bulk move and of a
scheduled export leaves nothing half-done, and the work can be finished afterwards.

Real processes against a scratch database of the suite's own kind (a SQLite file, or a new
PostgreSQL database next to the test database): `orderdesk worker` runs the bulk job and is
killed mid-job; a process writing a scheduled export is killed mid-file. The state after each
kill and after the restart is checked by tests/reliability/crashkit.py, in another process.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


@pytest.fixture
def scratch(tmp_path):
    """Environment for the child processes: a migrated, empty database of the suite's kind."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"ORDERDESK_DATA_DIR": str(tmp_path), "ORDERDESK_TASK_BACKEND": "database"}
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        name = f"{settings['NAME']}_crash"
        admin = psycopg.connect(
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            password=settings["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = (
            f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
            f"{settings['PORT'] or 5432}/{name}"
        )

        def query(sql, params=()):
            with psycopg.connect(env["DATABASE_URL"]) as conn:
                return conn.execute(sql.replace("?", "%s"), params).fetchone()
    else:
        admin = None

        def query(sql, params=()):
            with sqlite3.connect(tmp_path / "orderdesk.sqlite3", timeout=20) as conn:
                return conn.execute(sql, params).fetchone()

    run(env, "-m", "orderdesk.cli", "migrate", "-v0")
    yield env, query
    if admin is not None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def run(env, *args) -> dict | None:
    done = subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None


def kit(env, *args) -> dict:
    return run(env, "-m", "tests.reliability.crashkit", *args)


def start(env, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_until(condition, what: str):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def kill(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def test_given_a_worker_killed_mid_bulk_move_then_nothing_is_half_done_and_the_job_resumes(
    scratch, tmp_path
):
    env, query = scratch
    seeded = kit(env, "seed-bulk", "400")
    job = seeded["job"]
    before = tmp_path / "before.json"
    before.write_text(json.dumps(seeded["before"]))
    pending = sum(1 for status in seeded["before"].values() if status == "pending_confirmation")

    # When the worker is killed while the job is part-way
    worker = start(env, "-m", "orderdesk.cli", "worker", "--no-schedules", "--interval", "0.05")
    try:
        wait_until(
            lambda: (
                (query("SELECT processed FROM orders_bulkjob WHERE id = ?", (job,)) or [0])[0] >= 1
            ),
            "the job to start",
        )
    finally:
        kill(worker)

    # Then every order is either moved with its one event or untouched, exactly as the job's
    # progress says, and the counters and report figures still equal real counts
    after_kill = kit(env, "bulk-state", str(job), str(before))
    assert after_kill["state"] == "running", after_kill
    assert 1 <= after_kill["processed"] < after_kill["total"], after_kill
    assert after_kill["problems"] == [], after_kill
    assert not after_kill["counter_drift"] and after_kill["rollups"] == "match", after_kill

    # When the job is recovered and a worker runs again
    assert kit(env, "recover-bulk")["queued"] == [job]
    worker = start(env, "-m", "orderdesk.cli", "worker", "--no-schedules", "--interval", "0.05")
    try:
        wait_until(
            lambda: query("SELECT state FROM orders_bulkjob WHERE id = ?", (job,))[0] == "done",
            "the resumed job to finish",
        )
    finally:
        kill(worker)

    # Then every pending order moved exactly once, the others are reported and unchanged
    final = kit(env, "bulk-state", str(job), str(before))
    assert final["problems"] == [], final
    assert final["processed"] == final["total"] == 400
    assert final["succeeded"] == final["moved"] == pending
    assert final["skipped"] == 400 - pending
    assert not final["counter_drift"] and final["rollups"] == "match"


def test_given_a_writer_killed_mid_scheduled_export_then_no_file_is_left_and_a_rerun_writes_it(
    scratch, tmp_path
):
    env, query = scratch
    folder = tmp_path / "out"
    kit(env, "seed-schedule", str(folder))

    # When the process writing yesterday's file is killed half-way through it
    writer = start(env, "-m", "tests.reliability.crashkit", "export-slowly")
    try:
        wait_until(lambda: any(folder.glob(".*partial-*")), "the file to be opened")
    finally:
        kill(writer)

    # Then no export file exists (only the half-written temporary), and the period is held
    assert [p for p in folder.iterdir() if not p.name.startswith(".")] == []
    assert query("SELECT state FROM exports_exportrun")[0] == "running"

    # When the schedules run again (the dead writer's period is taken over)
    result = kit(env, "export")

    # Then every due period's file and manifest are complete (the killed one included), the
    # temporary is gone, and there is one run per period
    assert result["runs"] and set(result["runs"]) == {"done"}, result
    assert len(result["all"]) == len(result["runs"])
    expected = set()
    for run_row in result["all"]:
        written = Path(run_row["path"])
        expected |= {written.name, f"{written.name}.manifest.json"}
        lines = written.read_bytes().decode().splitlines()
        assert len(lines) == run_row["rows"] + 1
        manifest = json.loads((folder / f"{written.name}.manifest.json").read_text())
        assert manifest["rows"] == run_row["rows"]
    assert {p.name for p in folder.iterdir()} == expected
    assert sum(run_row["rows"] for run_row in result["all"]) == 200
