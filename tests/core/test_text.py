"""Accent folding for search."""

import pytest

from orderdesk.core.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nguyễn Văn An", "nguyen van an"),
        ("NGUYỄN VĂN AN", "nguyen van an"),
        ("Đặng Thị Đào", "dang thi dao"),
        ("đường Lê Lợi", "duong le loi"),
        ("  Trần   Hưng\tĐạo \n", "tran hung dao"),
        ("Hồ Chí Minh", "ho chi minh"),
        ("Straße", "strasse"),
        ("SO-000123", "so-000123"),
        ("", ""),
        (None, ""),
    ],
)
def test_given_text_when_folded_then_lower_case_without_accents_and_single_spaces(text, folded):
    assert fold(text) == folded


def test_given_the_accented_and_plain_spelling_then_they_fold_the_same():
    assert fold("Nguyễn Văn An") == fold("nguyen van an")
