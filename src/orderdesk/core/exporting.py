"""Writing exports: one Exporter per data set yields rows; the writers here turn rows into
CSV or XLSX, streamed, safe against formula injection, the same whatever the size.

An exporter never builds the whole file in memory: CSV is produced line by line, XLSX by
core/xlsx.py (rows are written as XML to a temporary file as they come, then zipped).
"""

import codecs
import contextlib
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import DatabaseError, connection
from django.utils import timezone

from orderdesk.core.xlsx import XlsxWriter, text_row_renderer

# A spreadsheet treats a cell starting with these as a formula (or a DDE trigger).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\x00")
XLSX_MAX_ROWS = 1_048_576
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Column:
    key: str
    label: str


class Exporter:
    """Subclasses set `name` and `columns`, and implement rows() yielding one list per row."""

    name = "export"
    columns: list[Column] = []

    def headers(self) -> list[str]:
        return [str(column.label) for column in self.columns]

    def rows(self) -> Iterator[list]:
        raise NotImplementedError

    # With copy_query: what each CSV column holds, so the XLSX writer can type its cells
    # ("text", "number" or "datetime" — naive, `YYYY-MM-DD HH:MM:SS` in the business time).
    copy_kinds: tuple[str, ...] = ()

    def copy_query(self, *, delimiter: str) -> tuple[str, list] | None:
        """On PostgreSQL, a `COPY … TO STDOUT (FORMAT csv)` writing exactly the CSV rows that
        rows() would give (no header), or None to use rows(). A fast path only."""
        return None


def neutralize(value):
    """Text that a spreadsheet would run as a formula gets a leading quote; numbers stay."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _text_cell(value, tz) -> str:
    # By exact type, most frequent first: this runs for every cell of every row.
    kind = type(value)
    if kind is str:
        return "'" + value if value.startswith(FORMULA_PREFIXES) else value
    if kind is Decimal:
        return format(value, "f")
    if value is None:
        return ""
    if kind is datetime:
        return value.astimezone(tz).isoformat(" ", "seconds")[:19]
    if kind is date:
        return value.isoformat()
    return str(neutralize(value) if isinstance(value, str) else value)


def csv_chunks(
    exporter: Exporter,
    *,
    delimiter: str = ",",
    bom: bool = False,
    on_rows: Callable[[int], None] | None = None,
) -> Iterator[bytes]:
    """The export as CSV (UTF-8, lines ending in CRLF as RFC 4180 says), in chunks, for a
    streaming response.

    Times are written in the business time zone, `YYYY-MM-DD HH:MM:SS`. `on_rows` is called
    with the number of rows written so far, now and then and once at the end."""
    if delimiter not in (",", ";", "\t"):
        raise ValueError("delimiter must be a comma, a semicolon or a tab")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if bom:
        buffer.write("\ufeff")
    writer.writerow([neutralize(h) for h in exporter.headers()])
    copy = exporter.copy_query(delimiter=delimiter) if connection.vendor == "postgresql" else None
    if copy is not None:
        yield _drain(buffer)
        yield from _copy_chunks(*copy, on_rows=on_rows)
        return
    tz = timezone.get_current_timezone()
    batch: list[list[str]] = []
    count = 0
    for row in exporter.rows():
        batch.append([_text_cell(value, tz) for value in row])
        if len(batch) >= 500:
            writer.writerows(batch)
            count += len(batch)
            batch.clear()
            yield _drain(buffer)
            if on_rows and count % 5000 == 0:
                on_rows(count)
    writer.writerows(batch)
    count += len(batch)
    yield _drain(buffer)
    if on_rows:
        on_rows(count)


def _copy_chunks(sql: str, params: list, *, on_rows) -> Iterator[bytes]:
    """PostgreSQL's CSV, passed on in blocks of about 256 KB, its rows ending in CRLF like the
    Python writer's (COPY ends them in LF)."""
    pending: list[bytes] = []
    size = lines = reported = 0
    in_quotes = False
    copied = _CopyBlocks(sql, params)
    for data in copied:
        block, in_quotes = _crlf_rows(data, in_quotes)
        pending.append(block)
        size += len(block)
        lines += block.count(b"\r\n")
        if size >= 256 * 1024:
            yield b"".join(pending)
            pending.clear()
            size = 0
            if on_rows and lines - reported >= 5000:
                on_rows(lines)  # progress; a quoted CRLF may count twice
                reported = lines
    yield b"".join(pending)
    if on_rows:
        on_rows(copied.rows)


class _CopyBlocks:
    """The bytes of a `COPY … TO STDOUT` as the database sends them; `rows` once read out."""

    def __init__(self, sql: str, params: list) -> None:
        self.sql, self.params, self.rows = sql, params, 0

    def __iter__(self) -> Iterator[bytes]:
        with connection.cursor() as cursor:
            # PostgreSQL would JIT-compile the export's expressions (its cost estimate is
            # high); compiling took 1.5 of 2.1 s for 20,000 orders, more than it ever saves.
            cursor.execute("SET jit = off")
            try:
                with cursor.cursor.copy(self.sql, self.params) as copy:
                    for data in copy:
                        yield bytes(data)
                self.rows = cursor.cursor.rowcount
            finally:
                with contextlib.suppress(DatabaseError):  # a broken copy broke the connection
                    cursor.execute("RESET jit")


def _crlf_rows(block: bytes, in_quotes: bool) -> tuple[bytes, bool]:
    """LF → CRLF outside quoted fields; a line break inside a quoted field is data. Every `"`
    flips the state (an escaped `""` flips it twice), also across block boundaries."""
    parts = block.split(b'"')
    for index in range(len(parts)):
        if (index % 2 == 0) != in_quotes:
            parts[index] = parts[index].replace(b"\n", b"\r\n")
    return b'"'.join(parts), in_quotes != (len(parts) % 2 == 0)


def _drain(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode()


def _xlsx_cell(value, tz):
    kind = type(value)
    if kind is str:
        # XML cannot hold most control characters; drop them after neutralising.
        return _XML_ILLEGAL.sub("", "'" + value if value.startswith(FORMULA_PREFIXES) else value)
    if kind is Decimal:
        return value if abs(value) < _EXACT_IN_A_SPREADSHEET else format(value, "f")
    if kind is datetime:
        return value.astimezone(tz).replace(tzinfo=None)
    if value is None or kind in (date, bool, int, float):
        return value
    return _XML_ILLEGAL.sub("", neutralize(str(value)))


PROGRESS_EVERY = 5000  # rows between two progress calls of a file export
_EXACT_IN_A_SPREADSHEET = Decimal("1e15")  # beyond 15 digits a spreadsheet number loses digits
_NO_MORE = object()


def xlsx_write(
    exporter: Exporter,
    target,
    *,
    max_rows: int = XLSX_MAX_ROWS,
    on_rows: Callable[[int], None] | None = None,
) -> int:
    """Write the export as XLSX into `target` (a path or a binary file); returns the row count.

    Past `max_rows` (Excel's limit, header included) the rows continue on a new sheet. Money is
    numeric, times are date-time cells in the business time zone, text is neutralised.
    `on_rows` is called with the rows written so far every PROGRESS_EVERY rows.
    """
    headers = [_XML_ILLEGAL.sub("", neutralize(h)) for h in exporter.headers()]
    copy = None
    if connection.vendor == "postgresql" and exporter.copy_kinds:
        copy = exporter.copy_query(delimiter=",")
    render = None
    if copy is not None:
        rows = _copy_cells(*copy)
        render = text_row_renderer(exporter.copy_kinds)
    else:
        tz = timezone.get_current_timezone()
        rows = ([_xlsx_cell(value, tz) for value in row] for row in exporter.rows())
    total = 0

    def sheet_rows(first):
        nonlocal total
        if first is _NO_MORE:
            return
        for row in itertools.chain([first], itertools.islice(rows, max_rows - 2)):
            yield row
            total += 1
            if on_rows and total % PROGRESS_EVERY == 0:
                on_rows(total)

    with XlsxWriter(target) as book:
        number = 0
        while True:
            first = next(rows, _NO_MORE)
            if first is _NO_MORE and number:
                break
            number += 1
            title = exporter.name[:25] if number == 1 else f"{exporter.name[:22]} {number}"
            book.add_sheet(title, headers, sheet_rows(first), render=render)
            if first is _NO_MORE:
                break
    return total


def _copy_cells(sql: str, params: list) -> Iterator[list[str]]:
    """The rows of the export's COPY as lists of text fields, for xlsx.text_row_renderer.

    The fast path of xlsx_write on PostgreSQL: the database formats, neutralises and joins the
    rows (export_sql.py); Python only parses its CSV and writes each field as its column's kind.
    """
    return csv.reader(_copy_lines(sql, params))


def _copy_lines(sql: str, params: list) -> Iterator[str]:
    """The COPY's text split after each LF (csv.reader joins a quoted field's lines again),
    without the characters XML cannot hold."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    rest = ""
    for block in _CopyBlocks(sql, params):
        # XML cannot hold these control characters; dropping them here, from the whole block,
        # cannot touch the CSV's own commas, quotes and line ends.
        text = rest + _XML_ILLEGAL.sub("", decoder.decode(block))
        lines = text.split("\n")
        rest = lines.pop()
        for line in lines:
            yield line + "\n"
    rest += decoder.decode(b"", final=True)
    if rest:
        yield rest


def keyset_chunks(queryset, size: int = 2000):
    """Rows in id order, `size` at a time, by keyset: flat memory at any size, and no
    long-lived cursor holding the database while a slow client reads the download.

    Works on model instances and on `.values()` dicts (which must include "id")."""
    last_id = 0
    queryset = queryset.order_by("id")
    while True:
        chunk = list(queryset.filter(id__gt=last_id)[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1]
        last_id = last["id"] if isinstance(last, dict) else last.pk
