"""Field types of the API's input schemas.

Each type is enforced by Pydantic *and* published in the OpenAPI schema, so the schema says what
the services accept: a request the schema calls valid is not refused for its shape (Schemathesis'
positive-data check holds us to that). What a schema cannot say — a refund above what was paid, a
user that does not exist, a total that outgrows the database — stays in the services and is
listed in tests/api/test_schemathesis.py.
"""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

# At least one character that `str.strip()` keeps. Spelled out, because `\s` means different
# things to Python, Pydantic's Rust engine and test-data generators.
_NOT_BLANK = r"[^\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"

# 7 to 15 ASCII digits anywhere, as E.164 allows; spaces, dots, dashes, brackets and + around them.
PHONE_PATTERN = r"^[^0-9]*(?:[0-9][^0-9]*){7,15}$"

# Money: a plain decimal string, at most 11 whole digits and 3 decimals, so that rounding to any
# currency's minor unit stays within what the database holds.
AMOUNT_PATTERN = r"^(?:0|[1-9][0-9]{0,10})(?:\.[0-9]{1,3})?$"
POSITIVE_AMOUNT_PATTERN = (
    r"^(?:[1-9][0-9]{0,10}(?:\.[0-9]{1,3})?|0\.(?:[1-9][0-9]{0,2}|0[1-9][0-9]?|00[1-9]))$"
)
MAX_WHOLE_AMOUNT = 99_999_999_999

DATE_PATTERN = r"^(?:19|2[0-9])[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"


def required_text(max_length: int, **extra):
    return Annotated[str, Field(min_length=1, max_length=max_length, pattern=_NOT_BLANK, **extra)]


def optional_text(max_length: int, **extra):
    return Annotated[str, Field(max_length=max_length, **extra)]


def one_of(values) -> type:
    """A string that must be one of `values` (an `enum` in the schema)."""
    return Literal[tuple(str(value) for value in values)]


def _whole_number_as_text(value):
    # JSON Schema calls 150000.0 an integer too; below 2**53 a float holds it exactly.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_WHOLE_AMOUNT:
        return str(value)
    return value


def _amount(pattern: str, minimum: int, example: str):
    # A whole JSON number is accepted too (and said so); 19.99 as a JSON number never is:
    # it may already have lost the exact value.
    return Annotated[
        str,
        BeforeValidator(_whole_number_as_text),
        Field(pattern=pattern),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "pattern": pattern, "examples": [example]},
                    {"type": "integer", "minimum": minimum, "maximum": MAX_WHOLE_AMOUNT},
                ]
            }
        ),
    ]


Amount = _amount(AMOUNT_PATTERN, 0, "150000")
PositiveAmount = _amount(POSITIVE_AMOUNT_PATTERN, 1, "19.99")
Phone = Annotated[str, Field(max_length=40, pattern=PHONE_PATTERN, examples=["0912 345 678"])]
# Checked by the services with Django's e-mail validator; "" means none.
Email = Annotated[
    str,
    Field(max_length=254),
    WithJsonSchema(
        {"anyOf": [{"const": ""}, {"type": "string", "format": "email", "maxLength": 254}]}
    ),
]
Country = Annotated[str, Field(pattern=r"^[A-Za-z]{2}$", examples=["VN"])]
# A real calendar date (the services check 2026-02-30) between the years 1900 and 2999.
Date = Annotated[
    str, Field(pattern=DATE_PATTERN, examples=["2026-02-28"], json_schema_extra={"format": "date"})
]
QueryAmount = Annotated[str, Field(pattern=AMOUNT_PATTERN, examples=["150000"])]


def _text_only(value):
    # Pydantic would read a number as seconds since 1970; the schema says a date-time string.
    # Refused as Pydantic refuses text it cannot read, so the message (and its translation,
    # api/schema_messages.py) is the same.
    if not isinstance(value, str | datetime):
        raise PydanticCustomError(
            "datetime_parsing",
            "Input should be a valid datetime, a date and time as text",
        )
    return value


# An ISO 8601 date-time as text (`format: date-time`), never a number.
DateTime = Annotated[datetime, BeforeValidator(_text_only)]


def query_values(params, exclude=()) -> dict:
    """A parsed query schema as the strings the list parsers read (None → "")."""
    return {
        name: "" if value is None else value
        for name, value in params.model_dump().items()
        if name not in exclude
    }
