"""Writing generated rows: PostgreSQL COPY, or SQLite executemany; and reserving ids.

The generator assigns the ids that other rows point at (orders, payments, requests), so a
whole batch is written without a round trip per row. Ids come from where the database itself
would take them, so they never collide with rows written meanwhile and the tables' id
sequences stay past every id used:

* PostgreSQL: nextval() of the table's identity sequence, n times in one query. No lock is
  needed, and it works from the thread that prepares the next batch.
* SQLite: max(id) and sqlite_sequence read inside the batch's write transaction, which holds
  the database's only write lock; explicit ids above the sequence move it on by themselves.
"""

from django.db import connection

from orderdesk.demo.tables import NULL, Table


class PostgresStore:
    """COPY … FROM STDIN through psycopg 3; batches are prepared in a second thread."""

    prepares_in_background = True
    time_suffix = "+00"

    def __init__(self):
        self._sequences: dict[str, str] = {}
        self._superuser: bool | None = None

    def reserve(self, table: Table, count: int) -> list[int]:
        if not count:
            return []
        with connection.cursor() as cursor:
            sequence = self._sequences.get(table.name)
            if sequence is None:
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table.name])
                sequence = self._sequences[table.name] = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, count])
            return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def pack(lines: list[str]) -> bytes:
        return ("\n".join(lines) + "\n").encode() if lines else b""

    def begin_batch(self) -> None:
        """Settings for the current transaction only (SET LOCAL ends with it)."""
        with connection.cursor() as cursor:
            # Losing the last batches in a crash is fine for demo data; waiting for each
            # WAL flush is not.
            cursor.execute("SET LOCAL synchronous_commit TO off")
            if self._may_skip_triggers(cursor):
                # Every foreign key of a batch points at a row written in the same transaction
                # or at a staff user read at the start, so the per-row foreign-key triggers
                # (half the time of a big load) are skipped, as pg_restore does. Only a
                # superuser may; others get the checks as usual.
                cursor.execute("SET LOCAL session_replication_role TO replica")

    def end_batch(self) -> None:
        """Triggers back on, in case the batch was nested in a longer transaction (setup)."""
        if self._superuser:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role TO DEFAULT")

    def _may_skip_triggers(self, cursor) -> bool:
        if self._superuser is None:
            cursor.execute("SELECT current_setting('is_superuser') = 'on'")
            self._superuser = cursor.fetchone()[0]
        return self._superuser

    @staticmethod
    def write(table: Table, payload: bytes) -> None:
        if not payload:
            return
        columns = ", ".join(table.columns)
        sql = f"COPY {table.name} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            copy.write(payload)


class SQLiteStore:
    """executemany in the batch transaction; `NULLIF(?, '\\N')` turns COPY's NULL back."""

    prepares_in_background = False
    time_suffix = ""  # Django keeps naive UTC text on SQLite

    def reserve(self, table: Table, count: int) -> range:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table.name}")
            highest = cursor.fetchone()[0]
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table.name])
            row = cursor.fetchone()
        first = max(highest, row[0] if row else 0) + 1
        return range(first, first + count)

    @staticmethod
    def pack(lines: list[str]) -> list[list[str]]:
        return [line.split("\t") for line in lines]

    @staticmethod
    def begin_batch() -> None:
        pass

    @staticmethod
    def end_batch() -> None:
        pass

    @staticmethod
    def write(table: Table, payload: list[list[str]]) -> None:
        if not payload:
            return
        values = ", ".join(["NULLIF(%s, '" + NULL + "')"] * len(table.columns))
        sql = f"INSERT INTO {table.name} ({', '.join(table.columns)}) VALUES ({values})"
        with connection.cursor() as cursor:
            cursor.executemany(sql, payload)


def store_for_connection():
    if connection.vendor == "postgresql":
        return PostgresStore()
    if connection.vendor == "sqlite":
        return SQLiteStore()
    raise NotImplementedError(f"demo data needs PostgreSQL or SQLite, not {connection.vendor}")
