"""Reading a statement CSV the way its profile says: encoding, delimiter, separators, dates.

Pure Python (no ORM). Every problem names the line and the column; the whole file is refused
if any line is wrong, so a bad file changes nothing.
"""

import codecs
import csv
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache

from django.utils.translation import gettext as _

from orderdesk.core.errors import ValidationFailed
from orderdesk.core.money import MoneyError, to_money

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_LINES = 200_000
MAX_ERRORS = 20  # shown at once; enough to see a pattern, short enough to read
HEADER_SEARCH_ROWS = 30  # banks put a title and account details above the header
SPACES = " \u00a0\u202f"  # space, no-break space, narrow no-break space


# The names profiles store (see models.DELIMITERS and the separators) → the characters.
CHARACTERS = {
    "comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|", "point": ".", "space": " ",
    "apostrophe": "'", "none": "",
}  # fmt: skip


class StatementFileError(ValidationFailed):
    code = "reconciliation.bad_file"


@dataclass(frozen=True)
class StatementFormat:
    """What a profile says about its files; `columns` maps date, amount, reference and
    (when set) description and order_code to the header names in the file."""

    encoding: str
    delimiter: str
    decimal_separator: str
    thousands_separator: str
    date_format: str
    currency: str
    columns: dict[str, str]

    @classmethod
    def of(cls, profile) -> "StatementFormat":
        columns = {
            "date": profile.date_column,
            "amount": profile.amount_column,
            "reference": profile.reference_column,
            "description": profile.description_column,
            "order_code": profile.order_code_column,
        }
        return cls(
            encoding=profile.encoding,
            delimiter=CHARACTERS[profile.delimiter],
            decimal_separator=CHARACTERS[profile.decimal_separator],
            thousands_separator=CHARACTERS[profile.thousands_separator],
            date_format=profile.date_format,
            currency=profile.currency,
            columns={field: name.strip() for field, name in columns.items() if name.strip()},
        )


@dataclass(frozen=True)
class StatementRow:
    line: int
    date: date
    amount: Decimal
    reference: str
    description: str
    order_code: str


class Problems:
    """Line-and-column problems, collected so the person sees several at once."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, line: int, column: str | list[str] | None, message: str) -> None:
        columns = [column] if isinstance(column, str) else list(column or [])
        column = ", ".join(columns)
        if len(columns) > 1:
            text = _("Line %(line)s, columns %(columns)s: %(problem)s") % {
                "line": line,
                "columns": column,
                "problem": message,
            }
        elif columns:
            text = _("Line %(line)s, column %(column)s: %(problem)s") % {
                "line": line,
                "column": column,
                "problem": message,
            }
        else:
            text = _("Line %(line)s: %(problem)s") % {"line": line, "problem": message}
        self.items.append(
            {"field": f"line {line}" + (f", {column}" if column else ""), "message": text}
        )
        if len(self.items) >= MAX_ERRORS:
            self.raise_if_any()

    def raise_if_any(self) -> None:
        if self.items:
            more = _(" (and maybe more; the first %d are shown)") % MAX_ERRORS
            summary = " ".join(item["message"] for item in self.items[:3])
            suffix = more if len(self.items) >= MAX_ERRORS else ""
            raise StatementFileError(
                _("The file was not imported. %(summary)s%(more)s")
                % {"summary": summary, "more": suffix},
                errors=self.items,
            )


def fail(line: int, column: str | list[str] | None, message: str):
    problems = Problems()
    problems.add(line, column, message)
    problems.raise_if_any()


# --- Amounts and dates -------------------------------------------------------------------------
@cache
def _amount_pattern(decimal_separator: str, thousands_separator: str) -> re.Pattern:
    """Digits grouped by threes (or not grouped at all), then the decimals."""
    dec = re.escape(decimal_separator)
    group = f"[{SPACES}]" if thousands_separator == " " else re.escape(thousands_separator)
    whole = rf"\d{{1,3}}(?:{group}\d{{3}})+|\d+" if thousands_separator else r"\d+"
    return re.compile(rf"(?P<whole>{whole})?(?:{dec}(?P<frac>\d+))?")


def parse_amount(text: str, fmt: StatementFormat) -> Decimal:
    """'1.250.000', '1,250,000.00', '1 250 000', '(1,000.00)', '-50' → Decimal; ValueError says why."""
    value = text.strip(SPACES)
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1].strip(SPACES)
    if value[:1] in ("-", "+"):
        negative, value = value[0] == "-", value[1:].strip(SPACES)
    match = _amount_pattern(fmt.decimal_separator, fmt.thousands_separator).fullmatch(value)
    if not value or not match or not (match["whole"] or match["frac"]):
        raise ValueError(_("%(text)r is not an amount") % {"text": text})
    digits = re.sub(r"\D", "", match["whole"] or "0")
    try:
        amount = Decimal(f"{'-' if negative else ''}{digits}.{match['frac'] or '0'}")
        money = to_money(amount, fmt.currency)
    except (InvalidOperation, MoneyError):
        raise ValueError(_("%(text)r is too large an amount") % {"text": text}) from None
    if money != amount:
        raise ValueError(
            _("%(text)r has more decimals than %(currency)s has")
            % {"text": text, "currency": fmt.currency}
        )
    return money


def parse_date(text: str, fmt: StatementFormat, *, latest: date) -> date:
    """The date in the profile's format; a time after it ('27/11/2026 14:05') is ignored."""
    value = text.strip(SPACES)
    candidates = [value, re.split(r"[\sT]", value, maxsplit=1)[0]]
    for candidate in candidates:
        try:
            parsed = datetime.strptime(candidate, fmt.date_format).date()
        except ValueError:
            continue
        if parsed.year < 1900:
            break
        if parsed > latest:
            raise ValueError(_("%(text)r is in the future") % {"text": text})
        return parsed
    example = date(2026, 11, 27).strftime(fmt.date_format)
    raise ValueError(
        _("%(text)r is not a date like %(example)s") % {"text": text, "example": example}
    )


# --- The file ----------------------------------------------------------------------------------
def _decode(data: bytes, fmt: StatementFormat) -> str:
    """The text of the file. A UTF-8 byte-order mark is unambiguous and wins over the profile."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data[len(codecs.BOM_UTF8) :], "utf-8", fmt)
    return _decode_as(data, fmt.encoding, fmt)


def _decode_as(data: bytes, encoding: str, fmt: StatementFormat) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        line_start = data.rfind(b"\n", 0, error.start) + 1
        prefix = data[line_start : error.start].decode(encoding, errors="replace")
        index = len(next(csv.reader([prefix], delimiter=fmt.delimiter), [""])) - 1
        column = _column_name_at(data.decode(encoding, errors="replace"), fmt, index)
        fail(
            line,
            column,
            _(
                "byte 0x%(byte)s is not %(encoding)s text; choose the file's encoding in "
                "the profile (UTF-8, Windows-1258 or Windows-1252)"
            )
            % {"byte": f"{data[error.start]:02X}", "encoding": encoding.upper()},
        )


def _column_name_at(text: str, fmt: StatementFormat, index: int) -> str:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=fmt.delimiter)
    try:
        found = _find_header(reader, fmt)
    except (StatementFileError, csv.Error):
        found = None
    if found is not None and index < len(found[0]):
        return found[0][index].strip() or str(index + 1)
    return str(index + 1)


def _normal(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).casefold()


def _find_header(reader, fmt: StatementFormat) -> tuple[list[str], dict[str, int]] | None:
    """The first row that holds every mapped column: (its cells, {field: index})."""
    wanted = {field: _normal(name) for field, name in fmt.columns.items()}
    first: list[str] | None = None
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        first = first or cells
        names = [_normal(cell) for cell in cells]
        if all(name in names for name in wanted.values()):
            return cells, {field: names.index(name) for field, name in wanted.items()}
        if reader.line_num >= HEADER_SEARCH_ROWS:
            break
    missing = [
        fmt.columns[f]
        for f, name in wanted.items()
        if first is None or name not in [_normal(c) for c in first]
    ]
    if first is None:
        fail(1, None, _("the file is empty"))
    fail(
        1,
        missing,
        _("not found; the file's first line has the columns: %(names)s")
        % {"names": ", ".join(c.strip() for c in first if c.strip())},
    )
    return None


def statement_parse(data: bytes, fmt: StatementFormat, *, today: date) -> list[StatementRow]:
    """Every statement line of the file; StatementFileError (nothing returned) if any is bad.

    Rows whose mapped cells are all empty are skipped (spacers, a blank line at the end)."""
    if len(data) > MAX_UPLOAD_BYTES:
        fail(1, None, _("the file is larger than %d MB") % (MAX_UPLOAD_BYTES // (1024 * 1024)))
    text = _decode(data, fmt)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=fmt.delimiter)
    header_line = 0
    try:
        header, positions = _find_header(reader, fmt)
        header_line = reader.line_num
        labels = {field: header[index].strip() for field, index in positions.items()}
        return _read_rows(reader, positions, labels, fmt, latest=today + timedelta(days=1))
    except csv.Error as error:
        fail(reader.line_num or header_line or 1, None, _("not readable as CSV (%s)") % error)


def _read_rows(reader, positions, labels, fmt, *, latest: date) -> list[StatementRow]:
    problems = Problems()
    rows: list[StatementRow] = []
    dates: dict[str, date] = {}
    last = max(positions.values())
    for cells in reader:
        line = reader.line_num
        if not any(cells[i].strip() for i in positions.values() if i < len(cells)):
            continue
        if len(rows) >= MAX_LINES:
            fail(line, None, _("the file has more than %d lines; split it") % MAX_LINES)
        if len(cells) <= last:
            missing = [labels[f] for f, i in positions.items() if i >= len(cells)]
            problems.add(line, missing, _("missing (the line has %d cells)") % len(cells))
            continue
        row = {field: cells[index].strip(SPACES) for field, index in positions.items()}
        parsed_date = parsed_amount = None
        try:
            parsed_date = dates.get(row["date"]) or parse_date(row["date"], fmt, latest=latest)
        except ValueError as error:
            problems.add(line, labels["date"], str(error))
        else:
            dates[row["date"]] = parsed_date  # a statement has few distinct dates
        try:
            parsed_amount = parse_amount(row["amount"], fmt)
        except ValueError as error:
            problems.add(line, labels["amount"], str(error))
        if parsed_date is None or parsed_amount is None:
            continue
        rows.append(
            StatementRow(
                line=line,
                date=parsed_date,
                amount=parsed_amount,
                reference=row["reference"],
                description=row.get("description", ""),
                order_code=row.get("order_code", ""),
            )
        )
    problems.raise_if_any()
    if not rows:
        fail(reader.line_num or 1, None, _("the file has a header but no statement lines"))
    return rows


def fingerprints(profile_id: int, rows: list[StatementRow]) -> list[str]:
    """A stable fingerprint per line: the same payment in an overlapping or repeated file gets
    the same one. Only what the profile maps counts (not row numbers or running balances,
    which differ between two exports), plus how many times the same content came before in
    this file, so two equal transfers on one day stay two payments."""
    seen: Counter[tuple] = Counter()
    result = []
    for row in rows:
        content = (
            str(profile_id),
            row.date.isoformat(),
            format(row.amount, "f"),
            " ".join(row.reference.split()),
            " ".join(row.description.split()),
            " ".join(row.order_code.split()),
        )
        seen[content] += 1
        payload = "\x1f".join((*content, str(seen[content])))
        result.append(hashlib.sha256(payload.encode()).hexdigest())
    return result
