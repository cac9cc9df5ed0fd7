"""Accent folding: `Nguyễn Văn An` and `nguyen van an` become the same search text."""

import unicodedata

# Letters that Unicode does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae"})


def fold(text: str) -> str:
    """Lower case, without diacritics, with runs of white space made single."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
