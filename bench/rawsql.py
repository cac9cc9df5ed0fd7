"""Raw-SQL baselines: the exact statements Django sends, captured, then run again straight
through the driver (psycopg or sqlite3), without the ORM, the view or HTTP.

A capture records every (sql, params) Django's cursor executes while a piece of code runs
(django.db.connection.execute_wrapper), after the ORM has compiled and adapted them. A replay
runs them again on a separate DB-API connection opened with Django's own connection settings
(psycopg's client-side binding cursor, SQLite's pragmas and functions) and fetches every row,
inside one transaction that is rolled back, so writes can be replayed as often as needed.

A rolled-back replay skips what COMMIT costs (the WAL flush): write baselines add one measured
commit (a one-row update, committed) per transaction the real request commits.
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection

MARKER_TABLE = "bench_dataset"
_QMARK = re.compile(r"(?<!%)%s")  # as django.db.backends.sqlite3.base.FORMAT_QMARK_REGEX
_TRANSACTION_CONTROL = re.compile(
    r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|START TRANSACTION)\b", re.I
)
_READ = re.compile(r"^\s*(SELECT|WITH|VALUES|SHOW|EXPLAIN|PRAGMA)\b", re.I)


@dataclass(frozen=True)
class Statement:
    sql: str
    params: object  # a sequence, a list of sequences when `many`, or None
    many: bool = False
    rowcount: int = -1  # rows it changed when captured; -1 when the driver did not say

    @property
    def is_transaction_control(self) -> bool:
        return bool(_TRANSACTION_CONTROL.match(self.sql))

    @property
    def writes(self) -> bool:
        return not self.is_transaction_control and not _READ.match(self.sql)

    @property
    def changed_rows(self) -> bool:
        """A write that changed something (a DELETE of nothing makes a commit cost nothing)."""
        return self.writes and self.rowcount != 0


def capture(work: Callable[[], object]) -> tuple[object, list[Statement]]:
    """Run `work` and return its result and the statements it sent to the database."""
    statements: list[Statement] = []

    def record(execute, sql, params, many, context):
        params = list(params) if many else params
        result = execute(sql, params, many, context)
        statements.append(Statement(sql, params, many, context["cursor"].rowcount))
        return result

    with connection.execute_wrapper(record):
        result = work()
    return result, statements


def commits_in(statements: list[Statement]) -> int:
    """How many transactions that change rows the captured code commits when it runs for real.

    The capture ran inside one outer transaction, so the code's own transactions show as
    top-level savepoints, and each statement it ran in autocommit mode is one at depth 0.
    """
    commits, depth, block_writes = 0, 0, False
    for statement in statements:
        words = statement.sql.upper().split()
        if words[:1] == ["SAVEPOINT"]:
            depth += 1
            if depth == 1:
                block_writes = False
        elif words[:2] == ["ROLLBACK", "TO"]:
            # Django rolls back to a savepoint, then releases it: nothing of it is committed.
            if depth == 1:
                block_writes = False
        elif words[:1] == ["RELEASE"]:
            if depth == 1 and block_writes:
                commits += 1
            depth = max(depth - 1, 0)
        elif statement.changed_rows:
            if depth == 0:
                commits += 1
            else:
                block_writes = True
    return commits


class RawConnection:
    """A DB-API connection of its own, configured as Django configures its connections.

    It stays in autocommit mode, as Django's does: a read replay runs each statement on its own
    as the request did; a replay that writes is wrapped in BEGIN … ROLLBACK (not timed).
    """

    def __init__(self):
        self.vendor = connection.vendor
        self.db = connection.get_new_connection(connection.get_connection_params())
        if self.vendor == "sqlite":
            self.db.isolation_level = None  # no implicit transactions: BEGIN is sent here
        else:
            self.db.autocommit = True

    def close(self) -> None:
        self.db.close()

    def _execute(self, cursor, statement: Statement) -> None:
        sql, params = statement.sql, statement.params
        if self.vendor == "sqlite" and params is not None:
            sql = _QMARK.sub("?", sql).replace("%%", "%")
        if statement.many:
            cursor.executemany(sql, params)
        elif params is None:
            cursor.execute(sql)
        else:
            cursor.execute(sql, params)
        if cursor.description is not None:
            cursor.fetchall()

    def replay(self, statements: list[Statement]) -> float:
        """Seconds to run the statements and fetch every row; anything written is rolled back."""
        cursor = self.db.cursor()
        writes = any(statement.writes for statement in statements)
        if writes:
            cursor.execute("BEGIN")
        try:
            started = time.perf_counter()
            for statement in statements:
                if not statement.is_transaction_control:
                    self._execute(cursor, statement)
            return time.perf_counter() - started
        finally:
            if writes:
                cursor.execute("ROLLBACK")
            cursor.close()

    def query(self, sql: str, params=None) -> list[tuple]:
        """Run one statement of our own, untimed."""
        cursor = self.db.cursor()
        cursor.execute(sql, params) if params is not None else cursor.execute(sql)
        return cursor.fetchall() if cursor.description is not None else []

    def commit_probe(self) -> float:
        """Seconds for the smallest write transaction: one row updated, committed."""
        cursor = self.db.cursor()
        cursor.execute("BEGIN")
        started = time.perf_counter()
        cursor.execute(f"UPDATE {MARKER_TABLE} SET value = value WHERE name = 'dataset'")
        cursor.execute("COMMIT")
        return time.perf_counter() - started
