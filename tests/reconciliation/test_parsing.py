"""Reading statement files: encodings, separators, date formats, and errors naming line and
column. Pure Python: no database."""

import codecs
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orderdesk.reconciliation.parsing import (
    CHARACTERS,
    MAX_UPLOAD_BYTES,
    StatementFileError,
    StatementFormat,
    fingerprints,
    parse_amount,
    statement_parse,
)
from tests.reconciliation.factories import statement_csv

TODAY = date(2026, 11, 27)
COLUMNS = {"date": "Date", "amount": "Amount", "reference": "Reference"}


def fmt(**overrides) -> StatementFormat:
    values = {
        "encoding": "utf-8",
        "delimiter": ",",
        "decimal_separator": ".",
        "thousands_separator": ",",
        "date_format": "%d/%m/%Y",
        "currency": "VND",
        "columns": {**COLUMNS, "description": "Description"},
    }
    return StatementFormat(**{**values, **overrides})


def parse(data: bytes, **overrides):
    return statement_parse(data, fmt(**overrides), today=TODAY)


def problem(data: bytes, **overrides) -> StatementFileError:
    with pytest.raises(StatementFileError) as caught:
        parse(data, **overrides)
    return caught.value


ROW = ("26/11/2026", "1,250,000", "FT123", "Thanh toán SO-000123")


# --- Encodings ---------------------------------------------------------------------------------
@pytest.mark.parametrize("bom", [False, True])
def test_given_utf8_with_or_without_bom_when_parsed_then_same_lines(bom):
    rows = parse(statement_csv([ROW], bom=bom))

    assert [(r.line, r.date, r.amount, r.reference, r.description) for r in rows] == [
        (2, date(2026, 11, 26), Decimal("1250000"), "FT123", "Thanh toán SO-000123")
    ]


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252"])
def test_given_a_windows_encoding_in_the_profile_when_parsed_then_accents_survive(encoding):
    description = "Thanh toán đơn" if encoding == "cp1258" else "Paiement reçu café"
    data = statement_csv([("26/11/2026", "100", "R1", description)], encoding=encoding)

    (row,) = parse(data, encoding=encoding)

    assert row.description == description


def test_given_a_utf8_bom_when_the_profile_says_windows_1258_then_the_bom_wins():
    data = statement_csv([("26/11/2026", "100", "R1", "Nguyễn Văn An")], bom=True)

    (row,) = parse(data, encoding="cp1258")

    assert row.description == "Nguyễn Văn An"


def test_given_a_windows_1258_file_when_the_profile_says_utf8_then_line_and_column_are_named():
    data = statement_csv(
        [("26/11/2026", "1,250,000", "R1", "ok"), ("26/11/2026", "100", "R2", "Thanh toán đơn")],
        encoding="cp1258",
    )

    error = problem(data)

    assert "Line 3, column Description:" in error.message
    assert "not UTF-8 text" in error.message
    assert error.errors[0]["field"] == "line 3, Description"


# --- Delimiters, separators, dates -------------------------------------------------------------
@pytest.mark.parametrize(
    ("delimiter", "decimal", "thousands", "written", "expected"),
    [
        (",", ".", ",", "1,250,000.00", "1250000"),
        (";", ",", ".", "1.250.000", "1250000"),
        (";", ",", " ", "1 250 000", "1250000"),
        (";", ",", " ", "1\u00a0250\u00a0000", "1250000"),
        ("\t", ".", "", "1250000", "1250000"),
        ("|", ".", "'", "1'250'000", "1250000"),
        (",", ".", ",", "(50,000)", "-50000"),
        (",", ".", ",", "-50,000", "-50000"),
        (",", ".", ",", "500", "500"),
    ],
)
def test_given_a_profile_format_when_amounts_are_read_then_exact_decimals(
    delimiter, decimal, thousands, written, expected
):
    data = statement_csv([("26/11/2026", written, "R", "")], delimiter=delimiter)

    (row,) = parse(
        data, delimiter=delimiter, decimal_separator=decimal, thousands_separator=thousands
    )

    assert row.amount == Decimal(expected)


@pytest.mark.parametrize(
    ("date_format", "written"),
    [
        ("%Y-%m-%d", "2026-11-26"),
        ("%Y-%m-%d", "2026-11-26T09:30:00"),
        ("%d/%m/%Y", "26/11/2026 09:30"),
        ("%m/%d/%Y", "11/26/2026"),
        ("%d.%m.%Y", "26.11.2026"),
        ("%d/%m/%y", "26/11/26"),
    ],
)
def test_given_a_date_format_when_dates_are_read_then_the_day_is_right(date_format, written):
    data = statement_csv([(written, "100", "R", "")])

    (row,) = parse(data, date_format=date_format)

    assert row.date == date(2026, 11, 26)


def test_given_a_title_above_the_header_and_blank_lines_when_parsed_then_real_lines_only():
    data = statement_csv(
        [ROW, ("", "", "", ""), ("25/11/2026", "200", "R2", "")],
        preamble=[("Vietcombank statement",), ("Account", "0123456789"), ()],
    )

    rows = parse(data)

    assert [(r.line, r.amount) for r in rows] == [(5, Decimal("1250000")), (7, Decimal("200"))]


def test_given_headers_in_another_case_and_spacing_when_parsed_then_found():
    data = statement_csv([ROW], header=(" date ", "AMOUNT", "reference", "Description"))

    assert len(parse(data)) == 1


# --- Bad files ---------------------------------------------------------------------------------
def test_given_a_missing_column_when_parsed_then_the_column_and_the_header_are_named():
    data = statement_csv([("26/11/2026", "100", "R")], header=("Date", "Amt", "Reference"))

    error = problem(data, columns=COLUMNS)

    assert error.message.startswith("The file was not imported.")
    assert "Line 1, column Amount: not found" in error.message
    assert "Date, Amt, Reference" in error.message


def test_given_a_bad_amount_when_parsed_then_line_and_column_and_value_are_named():
    rows = [ROW] * 12 + [("26/11/2026", "12,5x", "R", "")]

    error = problem(statement_csv(rows))

    assert "Line 14, column Amount: '12,5x' is not an amount" in error.message


def test_given_bad_amounts_and_dates_when_parsed_then_every_problem_is_listed():
    rows = [
        ("31/02/2026", "100", "R", ""),
        ROW,
        ("26/11/2026", "", "R", ""),
        ("x", "1.5.0", "", ""),
    ]

    error = problem(statement_csv(rows))

    fields = [e["field"] for e in error.errors]
    assert fields == ["line 2, Date", "line 4, Amount", "line 5, Date", "line 5, Amount"]
    assert "'31/02/2026' is not a date like 27/11/2026" in error.errors[0]["message"]


@pytest.mark.parametrize(
    ("thousands", "decimal", "written"),
    [
        (".", ",", "12.50"),  # a point-decimal file read with a point-thousands profile
        (",", ".", "1,2,5"),
        (",", ".", "1.2.3"),
        ("", ".", "1,250"),
        (",", ".", "12abc"),
        (",", ".", "--5"),
        (",", ".", "."),
    ],
)
def test_given_an_amount_that_does_not_fit_the_profile_when_parsed_then_refused(
    thousands, decimal, written
):
    with pytest.raises(ValueError, match="is not an amount"):
        parse_amount(written, fmt(thousands_separator=thousands, decimal_separator=decimal))


def test_given_more_decimals_than_the_currency_has_when_parsed_then_refused_not_rounded():
    with pytest.raises(ValueError, match="more decimals than VND"):
        parse_amount("1,250.50", fmt())
    assert parse_amount("19.99", fmt(currency="USD")) == Decimal("19.99")
    with pytest.raises(ValueError, match="more decimals than USD"):
        parse_amount("19.999", fmt(currency="USD"))


def test_given_a_date_in_the_future_when_parsed_then_refused():
    error = problem(statement_csv([("30/11/2026", "100", "R", "")]))

    assert "Line 2, column Date: '30/11/2026' is in the future" in error.message


def test_given_a_short_line_when_parsed_then_the_missing_column_is_named():
    data = statement_csv([ROW]) + b"26/11/2026,100\r\n"

    error = problem(data)

    assert "Line 3, columns Reference, Description: missing (the line has 2 cells)" in error.message


def test_given_a_file_over_50_mb_when_parsed_then_refused_before_reading():
    error = problem(b"x" * (MAX_UPLOAD_BYTES + 1))

    assert "larger than 50 MB" in error.message


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", codecs.BOM_UTF8])
def test_given_an_empty_file_when_parsed_then_refused(data):
    assert "empty" in problem(data).message


def test_given_a_header_and_no_lines_when_parsed_then_refused():
    assert "no statement lines" in problem(statement_csv([])).message


def test_given_many_bad_lines_when_parsed_then_the_first_twenty_are_listed():
    error = problem(statement_csv([("26/11/2026", "?", "R", "")] * 100))

    assert len(error.errors) == 20
    assert "the first 20 are shown" in error.message


# --- Amounts round-trip, fingerprints ----------------------------------------------------------
@given(
    amount=st.decimals(min_value=0, max_value=Decimal("99999999999.99"), places=2),
    style=st.sampled_from([(".", ","), (",", "."), (",", " "), (".", ""), (".", "'")]),
)
def test_given_any_amount_written_in_a_profile_style_when_read_back_then_equal(amount, style):
    decimal, thousands = style
    whole, frac = f"{amount:.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", thousands)

    parsed = parse_amount(
        f"{groups}{decimal}{frac}",
        fmt(currency="USD", decimal_separator=decimal, thousands_separator=thousands),
    )

    assert parsed == amount


def test_given_profile_option_names_then_each_maps_to_one_character():
    assert CHARACTERS["tab"] == "\t"
    assert CHARACTERS["space"] == " "
    assert CHARACTERS["none"] == ""


def test_given_the_same_content_twice_in_a_file_then_two_fingerprints_stable_across_files():
    rows = parse(statement_csv([ROW, ROW, ("25/11/2026", "5", "R9", "")]))
    again = parse(statement_csv([("24/11/2026", "7", "R0", ""), ROW, ROW]))

    first, second, other = fingerprints(1, rows)

    assert first != second
    assert fingerprints(1, again)[1:] == [first, second]
    assert fingerprints(2, rows)[0] != first  # another profile, another source
    assert other not in (first, second)


def test_given_spacing_differences_in_a_reference_then_the_fingerprint_is_the_same():
    (a,) = parse(statement_csv([("26/11/2026", "100", "FT 123", "x  y")]))
    (b,) = parse(statement_csv([("26/11/2026", "100.00", " FT  123 ", "x y")]))

    assert fingerprints(1, [a]) == fingerprints(1, [b])
