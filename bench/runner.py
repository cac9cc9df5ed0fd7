"""One bench run, phase by phase: data set, reads, writes, exports, reports, mixed load.

A phase that fails leaves its results null with the error as a note, and the run goes on:
one broken measurement must not hide the others.
"""

import contextlib
import os
import platform
import subprocess
import time
import traceback
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import django
from django.utils import timezone

from bench import consistency, exports, mixed, orm, reads, writes
from bench.actors import actors_prepare
from bench.client import HttpClient
from bench.config import REPO_DIR, BenchConfig
from bench.dataset import dataset_prepare
from bench.picks import picks_choose
from bench.rawsql import RawConnection
from bench.results import Recorder, build_report, format_table, write_report
from bench.runcopy import RunCopy
from bench.server import Server


def git_commit() -> tuple[str, bool]:
    def git(*args) -> str:
        return subprocess.run(
            ["git", *args], cwd=REPO_DIR, capture_output=True, text=True, check=False
        ).stdout.strip()

    return git("rev-parse", "HEAD") or "unknown", bool(
        git("status", "--porcelain", "--untracked-files=no")
    )


@contextlib.contextmanager
def phase(title: str, recorder: Recorder, owns: tuple[str, ...] = ()):
    print(f"\n== {title}", flush=True)
    started = time.monotonic()
    try:
        yield
    except Exception as error:
        traceback.print_exc()
        for name in owns:
            if name not in recorder.results:
                recorder.skip(name, f"failed: {type(error).__name__}: {error}"[:300])
    print(f"   ({time.monotonic() - started:.1f} s)", flush=True)


def run(config: BenchConfig, data_dir: Path) -> dict:
    started, started_at = time.monotonic(), datetime.now(UTC)
    recorder = Recorder(config.database, config.orders)
    print(f"Orderdesk bench: {config.database}, {config.orders:,} orders, data in {data_dir}")
    print("\n== data set", flush=True)  # nothing can be measured without it: failures end the run
    dataset = dataset_prepare(config, recorder)
    copy = RunCopy(data_dir)
    copied = time.monotonic()
    print(f"Measuring a copy of the data set: {copy.make()} ({time.monotonic() - copied:.1f} s)")
    try:
        picks = measure(config, recorder, data_dir)
    finally:
        copy.drop()
    recorder.fill_missing()
    commit, dirty = git_commit()
    report = build_report(
        recorder,
        git_commit=commit,
        git_dirty=dirty,
        seed=config.seed,
        consultations=config.consultations,
        orders_at_start=dataset.orders_now,
        data_set_reused=dataset.reused,
        quick=config.quick,
        started_at=started_at.isoformat(timespec="seconds"),
        duration_s=round(time.monotonic() - started, 1),
        machine={
            "cpus": os.cpu_count(),
            "python_loop_ms": python_loop_ms(),
            "load_average_end": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
            "django": django.get_version(),
        },
        settings={
            "reps": config.reps,
            "warmup": config.warmup,
            "web_workers": config.web_workers,
            "intake_orders": config.intake_orders,
            "intake_seconds": config.intake_seconds,
            "mixed_seconds": config.mixed_seconds,
            "staff_sessions": config.staff_sessions,
            "intake_rate": config.intake_rate,
        },
        picks=picks,
    )
    paths = write_report(report, config.results_dir)
    print()
    print(format_table(report))
    print(f"\nWrote {', '.join(str(p) for p in paths)}")
    print(f"Total {report['duration_s']:.0f} s.")
    return report


def measure(config: BenchConfig, recorder: Recorder, data_dir: Path) -> dict:
    """Every phase but the data set's; returns what was searched for and paged to."""
    actors = actors_prepare(staff_sessions=config.staff_sessions)
    picks = picks_choose()
    raw = RawConnection()
    logs = data_dir / "logs"
    with Server(workers=config.web_workers, log_dir=logs) as server:
        print(f"orderdesk serve on {server.url} (log {server.log_path})")
        measure_one_server(config, recorder, server, actors, picks, raw, data_dir)
        if "mixed" not in config.skip:
            mixed_phase(config, recorder, [server], actors, picks, raw)
            if config.database == "postgresql":
                with Server(workers=config.web_workers, log_dir=logs, task_worker=False) as second:
                    print(f"second orderdesk serve (--no-worker) on {second.url}")
                    mixed_phase(config, recorder, [server, second], actors, picks, raw)
    raw.close()
    return asdict(picks)


def measure_one_server(config, recorder, server, actors, picks, raw, data_dir) -> None:
    admin = HttpClient("127.0.0.1", server.port)
    admin.login(actors.admin_username, actors.admin_password)
    api = HttpClient(
        "127.0.0.1", server.port, headers={"Authorization": f"Bearer {actors.admin_key}"}
    )
    timer = reads.ReadTimer(
        http=admin, session_key=admin.cookies["sessionid"], api_key=actors.admin_key, raw=raw
    )
    if "reads" not in config.skip:
        with phase("reads over HTTP", recorder):
            reads.reads_run(timer, recorder, picks, warmup=config.warmup, reps=config.reps)
        with phase("the list's ORM query vs raw SQL", recorder, ("list_query_vs_raw_sql_ratio",)):
            orm.orm_vs_raw(recorder, picks, raw, warmup=config.warmup, reps=config.reps * 3)
    if "writes" not in config.skip:
        codes = []
        with phase("intake", recorder, ("intake_orders_per_s", "intake_p95_ms")):
            codes = writes.intake_run(recorder, raw, server.port, actors.intake_key, config)
        with phase("bulk transition", recorder, ("bulk_transition_orders_per_s",)):
            if not codes:
                raise RuntimeError("no orders from the intake phase to move")
            writes.bulk_run(recorder, raw, api, codes, config)
    if "exports" not in config.skip:
        owned = (
            "export_csv_rows_per_s", "export_csv_peak_rss_mb", "export_csv_vs_copy_ratio",
            "export_xlsx_rows_per_s", "export_xlsx_peak_rss_mb",
        )  # fmt: skip
        with phase("exports", recorder, owned):
            exports.exports_run(recorder, raw, config, work_dir=data_dir / "exports-bench")
        with phase("export over HTTP", recorder):
            baseline = recorder.results.get("export_csv_rows_per_s", {}).get("raw_sql")
            exports.http_export_run(recorder, server, actors.admin_key, baseline)
    if "reports" not in config.skip:
        with phase("reports page", recorder, ("report_page_p95_ms",)):
            reads.report_run(timer, recorder, warmup=config.warmup, reps=config.reps)
    admin.close()
    api.close()


def search_terms(picks) -> list[str]:
    """What the browsing staff search for: every kind of term the reads phase times."""
    return [
        picks.code, picks.full_phone, picks.email, picks.phone_fragment, picks.name_fragment,
        picks.common_term,
    ]  # fmt: skip


def mixed_phase(config, recorder, servers, actors, picks, raw) -> None:
    two = len(servers) > 1
    prefix = "mixed_load_two_servers_" if two else "mixed_load_"
    owned = tuple(f"{prefix}{name}" for name in ("error_count", "list_p95_ms", "consistent"))
    title = f"mixed load, {len(servers)} server(s), {config.mixed_seconds:.0f} s"
    with phase(title, recorder, owned):
        statements = reads.capture_get(
            reads.inprocess_client(actors.staff_sessions[0]), "/orders/", headers={}
        )
        began_at = timezone.now()
        load = mixed.mixed_load(
            ports=[server.port for server in servers],
            sessions=actors.staff_sessions,
            api_key=actors.intake_key,
            terms=search_terms(picks),
            list_statements=statements,
            seconds=config.mixed_seconds,
            rate=config.intake_rate,
            seed=config.seed,
        )
        checks = consistency.consistency_checks(
            load,
            ports=[server.port for server in servers],
            admin_key=actors.admin_key,
            intake_key=actors.intake_key,
            began_at=began_at,
        )
        consistency.mixed_record(recorder, load, checks, prefix=prefix, servers=len(servers))


def python_loop_ms() -> float:
    """How fast this machine runs Python right now: the median of five runs of one fixed loop
    (10,000,000 additions), in ms. Runs on different machines compare through it and the
    raw-SQL baselines, not through the absolute times."""
    runs = []
    for _ in range(5):
        started, total = time.perf_counter(), 0
        for number in range(10_000_000):
            total += number
        runs.append((time.perf_counter() - started) * 1000)
    return round(sorted(runs)[2], 1)
