"""The export writers: formula neutralising, numbers kept as numbers, sheet overflow."""

import csv
import io
import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from orderdesk.core.exporting import Column, Exporter, csv_chunks, neutralize, xlsx_write

PAYLOADS = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "\x00NUL"]


class Rows(Exporter):
    name = "test"
    columns = [Column("text", "Text"), Column("amount", "Amount")]

    def __init__(self, rows):
        self._rows = rows

    def rows(self):
        yield from self._rows


@pytest.mark.parametrize("payload", PAYLOADS)
def test_given_formula_like_text_then_it_gets_a_leading_quote(payload):
    assert neutralize(payload) == "'" + payload


def test_given_numbers_and_plain_text_then_they_are_left_alone():
    assert neutralize(Decimal("-5")) == Decimal("-5")
    assert neutralize("Nguyễn Văn An") == "Nguyễn Văn An"


def test_given_payloads_when_written_as_csv_then_every_text_cell_is_neutralised_and_numbers_stay():
    data = b"".join(csv_chunks(Rows([[p, Decimal("-19.99")] for p in PAYLOADS])))
    rows = list(csv.reader(io.StringIO(data.decode())))
    assert rows[0] == ["Text", "Amount"]
    assert [row[0] for row in rows[1:]] == ["'" + p for p in PAYLOADS]
    assert {row[1] for row in rows[1:]} == {"-19.99"}


def test_given_bom_and_semicolon_when_written_then_excel_friendly_csv():
    data = b"".join(csv_chunks(Rows([["a", Decimal("1")]]), delimiter=";", bom=True))
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[1] == "a;1"


def test_given_payloads_when_written_as_xlsx_then_text_is_neutralised_and_numbers_are_numeric(
    tmp_path,
):
    path = tmp_path / "out.xlsx"
    xlsx_write(Rows([[p, Decimal("150000")] for p in PAYLOADS]), path)
    sheet = load_workbook(path).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Text", "Amount")
    for row in values[1:]:
        assert str(row[0]).startswith("'")
        assert isinstance(row[1], int | float) and row[1] == 150000


def test_given_more_rows_than_a_sheet_holds_then_they_continue_on_a_new_sheet(tmp_path):
    path = tmp_path / "out.xlsx"
    count = xlsx_write(Rows([[f"row {i}", Decimal(i)] for i in range(7)]), path, max_rows=4)
    workbook = load_workbook(path)
    assert count == 7
    assert [ws.max_row for ws in workbook.worksheets] == [
        4,
        4,
        2,
    ]  # header + 3, header + 3, header + 1
    assert [ws.cell(row=1, column=1).value for ws in workbook.worksheets] == ["Text"] * 3


@given(
    rows=st.lists(st.lists(st.text(alphabet='ab",\n\r ', max_size=6), min_size=1, max_size=3)),
    cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=5),
)
def test_copys_lf_rows_become_crlf_rows_but_line_breaks_inside_quotes_stay(rows, cuts):
    """PostgreSQL's COPY ends rows in LF; _crlf_rows makes them the Python writer's CRLF, in
    blocks cut anywhere (PostgreSQL quotes a field with a CR or LF, as Python does here)."""
    from orderdesk.core.exporting import _crlf_rows

    def written(terminator: str) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=terminator, quoting=csv.QUOTE_MINIMAL).writerows(
            [[cell if "\r" not in cell else cell + "\n" for cell in row] for row in rows]
        )
        return buffer.getvalue().encode()

    lf, crlf = written("\n"), written("\r\n")
    bounds = sorted({min(cut, len(lf)) for cut in cuts} | {0, len(lf)})
    out, in_quotes = [], False
    for start, end in itertools.pairwise(bounds):
        block, in_quotes = _crlf_rows(lf[start:end], in_quotes)
        out.append(block)
    assert b"".join(out) == crlf and not in_quotes


def test_given_every_kind_of_cell_when_written_as_xlsx_then_each_reads_back_as_its_type(
    tmp_path, settings
):
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"

    class Cells(Exporter):
        name = "cells"
        columns = [Column(str(n), f"C{n}") for n in range(9)]

        def rows(self):
            yield [
                "a < b & c > d",
                "  kept spaces  ",
                "",
                None,
                Decimal("19.99"),
                Decimal("1234567890123456"),  # beyond a spreadsheet's 15 exact digits: text
                datetime(2026, 11, 27, 17, 30, 5, tzinfo=ZoneInfo("UTC")),
                date(2026, 2, 28),
                True,
            ]
            yield ["bell\x07 and tab\tinside", None, None, None, 7, 2.5, None, None, False]

    path = tmp_path / "cells.xlsx"
    assert xlsx_write(Cells(), path) == 2
    sheet = load_workbook(path).active
    header, first, second = sheet.iter_rows(values_only=True)
    assert header == tuple(f"C{n}" for n in range(9))
    assert sheet["A1"].font.b  # the header is bold
    assert first[:4] == ("a < b & c > d", "  kept spaces  ", None, None)
    assert first[4] == 19.99 and first[5] == "1234567890123456"
    assert first[6] == datetime(2026, 11, 28, 0, 30, 5)  # business time zone, UTC+7
    assert sheet["G2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert first[7] == datetime(2026, 2, 28) and first[8] is True
    assert second[0] == "bell and tab\tinside"
    assert second[4:6] == (7, 2.5) and second[8] is False


def test_given_no_rows_when_written_as_xlsx_then_one_sheet_with_the_header(tmp_path):
    path = tmp_path / "empty.xlsx"
    assert xlsx_write(Rows([]), path) == 0
    workbook = load_workbook(path)
    assert [ws.title for ws in workbook.worksheets] == ["test"]
    assert list(workbook.active.iter_rows(values_only=True)) == [("Text", "Amount")]


def test_rows_of_text_fields_render_as_their_typed_values_would():
    """xlsx.text_row_renderer (the PostgreSQL COPY path) writes what _cell writes for the typed
    value: numbers (up to 15 digits; longer ones as text), times, text, and empty fields."""
    from datetime import datetime

    from orderdesk.core import xlsx

    render = xlsx.text_row_renderer(["text", "number", "number", "datetime", "number", "text"])
    fields = ["a & <b>", "-19.99", "1234567890123456", "2026-11-27 14:05:09", "", ""]
    typed = ["a & <b>", Decimal("-19.99"), "1234567890123456", datetime(2026, 11, 27, 14, 5, 9)]
    assert render(fields) == "".join(map(xlsx._cell, typed)) + "<c/><c/>"
