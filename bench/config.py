"""What a run measures and where: command-line options, the database, the data directory.

Everything here runs before Django is imported: the settings read ORDERDESK_DATA_DIR and
DATABASE_URL when they load.
"""

import argparse
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
PHASES = ("reads", "writes", "exports", "reports", "mixed")


@dataclass(frozen=True)
class BenchConfig:
    orders: int
    consultations: int
    seed: int
    quick: bool
    reps: int  # timed repetitions of each read
    warmup: int  # untimed requests before them
    intake_orders: int  # orders created over HTTP (then moved in bulk)…
    intake_seconds: float  # …or as many as this allows
    bulk_chunk: int  # codes per bulk-transition request
    mixed_seconds: float
    staff_sessions: int
    intake_rate: float  # orders/s arriving during the mixed load
    web_workers: int
    data_root: Path
    results_dir: Path
    skip: frozenset[str]

    @property
    def database(self) -> str:
        return database_kind()


def parse_args(argv: list[str] | None = None) -> BenchConfig:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Orderdesk's benchmark (issue #7); see bench/README.md"
    )
    parser.add_argument("--orders", type=int, default=None, help="default 1,000,000 (20,000 quick)")
    parser.add_argument("--consultations", type=int, default=None, help="default orders / 20")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="bench-quick: fewer repetitions")
    parser.add_argument("--reps", type=int, default=None, help="timed requests per read (50/20)")
    parser.add_argument("--warmup", type=int, default=None, help="untimed requests first (10/3)")
    parser.add_argument("--intake-orders", type=int, default=None, help="default 3000 (600)")
    parser.add_argument("--intake-seconds", type=float, default=None, help="at most (30/10)")
    parser.add_argument("--bulk-chunk", type=int, default=500)
    parser.add_argument("--mixed-seconds", type=float, default=None, help="default 60 (12)")
    parser.add_argument("--staff-sessions", type=int, default=20)
    parser.add_argument("--intake-rate", type=float, default=50.0)
    parser.add_argument("--web-workers", type=int, default=2, help="orderdesk serve --workers")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="where data sets live (default $ORDERDESK_DATA_DIR/bench, else var/bench)",
    )
    parser.add_argument("--results-dir", type=Path, default=BENCH_DIR / "results")
    parser.add_argument(
        "--skip", action="append", default=[], choices=PHASES, help="leave a phase out"
    )
    args = parser.parse_args(argv)
    quick = args.quick

    def pick(value, full, fast):
        return value if value is not None else (fast if quick else full)

    orders = pick(args.orders, 1_000_000, 20_000)
    data_root = args.data_dir or (
        Path(os.environ["ORDERDESK_DATA_DIR"]) / "bench"
        if os.environ.get("ORDERDESK_DATA_DIR")
        else REPO_DIR / "var" / "bench"
    )
    return BenchConfig(
        orders=orders,
        consultations=pick(args.consultations, orders // 20, orders // 20),
        seed=args.seed,
        quick=quick,
        reps=pick(args.reps, 50, 20),
        warmup=pick(args.warmup, 10, 3),
        intake_orders=pick(args.intake_orders, 3000, 600),
        intake_seconds=pick(args.intake_seconds, 30.0, 10.0),
        bulk_chunk=args.bulk_chunk,
        mixed_seconds=pick(args.mixed_seconds, 60.0, 12.0),
        staff_sessions=args.staff_sessions,
        intake_rate=args.intake_rate,
        web_workers=args.web_workers,
        data_root=data_root.resolve(),
        results_dir=args.results_dir.resolve(),
        skip=frozenset(args.skip),
    )


def database_kind() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"


def database_name() -> str:
    return unquote(urlparse(os.environ["DATABASE_URL"]).path.lstrip("/"))


def dataset_dir(config: BenchConfig) -> Path:
    """The data directory of this data set: the SQLite file (one per size and seed), or on
    PostgreSQL the secret key and export files that go with the database."""
    if config.database == "postgresql":
        return config.data_root / f"pg-{database_name()}"
    return config.data_root / f"sqlite-{config.orders}-seed{config.seed}"


def environment_prepare(config: BenchConfig) -> Path:
    """Set the environment the bench, its servers and its commands share; make the database."""
    directory = dataset_dir(config)
    directory.mkdir(parents=True, exist_ok=True)
    os.environ["ORDERDESK_DATA_DIR"] = str(directory)
    os.environ["DJANGO_SETTINGS_MODULE"] = "orderdesk.settings"
    os.environ["ORDERDESK_DEBUG"] = "0"  # DEBUG keeps every query in memory and slows all
    os.environ.pop("ORDERDESK_TASK_BACKEND", None)
    if config.database == "postgresql":
        postgres_database_ensure(os.environ["DATABASE_URL"])
    return directory


def postgres_database_ensure(url: str) -> None:
    """Create the database named in DATABASE_URL if it does not exist yet."""
    import psycopg
    from psycopg import sql

    parts = urlparse(url)
    name = unquote(parts.path.lstrip("/"))
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created the PostgreSQL database {name}.")
