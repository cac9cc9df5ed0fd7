"""Each run measures a throwaway copy of the data set, so every run starts from the same data.

A run adds orders (intake, mixed load) and moves some; measured in place, a 20,000-order data
set would grow by a tenth per bench-quick. The generated data set stays as it was generated;
the run works on a copy: `<name>_run`, made with CREATE DATABASE … TEMPLATE on PostgreSQL, or
a copy of the file on SQLite. The copy is dropped when the run ends.
"""

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlparse

import psycopg
from django.conf import settings as django_settings
from django.db import connections
from psycopg import sql

# Past this size, copy files (one checkpoint) rather than WAL-log every block of the copy.
FILE_COPY_BYTES = 1 << 30


class RunCopy:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.vendor = connections["default"].vendor
        self.url = os.environ.get("DATABASE_URL", "")

    def make(self) -> str:
        """Copy the data set and point this process, and every one it starts, at the copy."""
        connections.close_all()  # a template must have no other session
        # Sessions made here are read by the servers: one secret key for every process, also
        # when the copy's data directory would generate a key of its own.
        os.environ["ORDERDESK_SECRET_KEY"] = django_settings.SECRET_KEY
        settings = connections["default"].settings_dict
        if self.vendor == "postgresql":
            source = settings["NAME"]
            self.target = f"{source}_run"
            self._postgres_copy(source, self.target)
            os.environ["DATABASE_URL"] = self._url_for(self.target)
            settings["NAME"] = self.target
            return self.target
        source = Path(settings["NAME"])
        run_dir = self.data_dir / "run"
        run_dir.mkdir(exist_ok=True)
        self.target = run_dir / source.name
        self._sqlite_copy(source, self.target)
        os.environ["ORDERDESK_DATA_DIR"] = str(run_dir)
        settings["NAME"] = self.target
        return str(self.target)

    def drop(self) -> None:
        connections.close_all()
        if self.vendor == "postgresql":
            with self._maintenance() as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(self.target)
                    )
                )
            return
        for suffix in ("", "-wal", "-shm"):
            self.target.with_name(self.target.name + suffix).unlink(missing_ok=True)

    def _url_for(self, name: str) -> str:
        return urlparse(self.url)._replace(path=f"/{name}").geturl()

    def _maintenance(self) -> psycopg.Connection:
        return psycopg.connect(self._url_for("postgres"), autocommit=True)

    def _postgres_copy(self, source: str, target: str) -> None:
        with self._maintenance() as admin:
            size = admin.execute("SELECT pg_database_size(%s)", [source]).fetchone()[0]
            strategy = "FILE_COPY" if size > FILE_COPY_BYTES else "WAL_LOG"
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(target))
            )
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {} STRATEGY {}").format(
                    sql.Identifier(target), sql.Identifier(source), sql.SQL(strategy)
                )
            )

    @staticmethod
    def _sqlite_copy(source: Path, target: Path) -> None:
        with contextlib.closing(sqlite3.connect(source)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL folded into the file
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(source, target)
