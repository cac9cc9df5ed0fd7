"""Writing exports: one Exporter per data set yields rows; the writers here turn rows into
CSV or XLSX, streamed, safe against formula injection, the same whatever the size.

An exporter never builds the whole file in memory: CSV is produced line by line, XLSX through
openpyxl's write-only mode (rows are flushed to a temporary file as they come).
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

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


def csv_chunks(exporter: Exporter, *, delimiter: str = ",", bom: bool = False) -> Iterator[bytes]:
    """The export as CSV (UTF-8), a few hundred rows per chunk, for a streaming response.

    Times are written in the business time zone, `YYYY-MM-DD HH:MM:SS`."""
    if delimiter not in (",", ";", "\t"):
        raise ValueError("delimiter must be a comma, a semicolon or a tab")
    tz = timezone.get_current_timezone()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    if bom:
        buffer.write("\ufeff")
    writer.writerow([neutralize(h) for h in exporter.headers()])
    batch: list[list[str]] = []
    for row in exporter.rows():
        batch.append([_text_cell(value, tz) for value in row])
        if len(batch) >= 500:
            writer.writerows(batch)
            batch.clear()
            yield _drain(buffer)
    writer.writerows(batch)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode()


def _xlsx_cell(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value) if abs(value) < Decimal("1e15") else format(value, "f")
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, bool | int | float | date):
        return value
    # XML cannot hold most control characters; drop them after neutralising.
    return _XML_ILLEGAL.sub("", neutralize(str(value)))


def xlsx_write(exporter: Exporter, target, *, max_rows: int = XLSX_MAX_ROWS) -> int:
    """Write the export as XLSX into `target` (a path or a binary file); returns the row count.

    Past `max_rows` (Excel's limit, header included) the rows continue on a new sheet.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    headers = [neutralize(h) for h in exporter.headers()]
    sheet, sheet_rows, sheet_number, total = None, 0, 0, 0
    for row in exporter.rows():
        if sheet is None or sheet_rows >= max_rows:
            sheet_number += 1
            title = (
                exporter.name[:25] if sheet_number == 1 else f"{exporter.name[:22]} {sheet_number}"
            )
            sheet = workbook.create_sheet(title=title)
            sheet.append(headers)
            sheet_rows = 1
        sheet.append([_xlsx_cell(value) for value in row])
        sheet_rows += 1
        total += 1
    if sheet is None:
        workbook.create_sheet(title=exporter.name[:25]).append(headers)
    workbook.save(target)
    return total


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
