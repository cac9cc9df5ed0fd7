"""Fast pickers over the vocabularies: weighted lists, names with their folded forms.

Every text the generator writes comes from these pools or from digits, and is checked once
here to hold no tab, newline, backslash or double quote. That is what lets the rows be joined
into PostgreSQL COPY text and JSON without escaping anything per row.
"""

import random
from collections.abc import Iterable

from orderdesk.core.text import fold
from orderdesk.demo import vocab_people as people

UNSAFE_CHARACTERS = frozenset('\t\n\r\\"')


def assert_copy_safe(texts: Iterable[str]) -> None:
    for text in texts:
        if UNSAFE_CHARACTERS.intersection(text):
            raise ValueError(f"demo vocabulary text needs escaping: {text!r}")


def expand(weighted: Iterable[tuple]) -> list:
    """[(weight, value), …] → a list holding each value `weight` times, for O(1) picks."""
    out = []
    for weight, *value in weighted:
        out.extend([value[0] if len(value) == 1 else tuple(value)] * weight)
    return out


def pick(rng_random, items: list):
    """items[random index]; ~3× faster than random.choice in a hot loop."""
    return items[int(rng_random() * len(items))]


class Name:
    """A person's name, its folded form (for search text) and an e-mail local part stem."""

    __slots__ = ("email_stems", "folded", "text")

    def __init__(self, text: str, folded: str, email_stems: tuple[str, ...]):
        self.text = text
        self.folded = folded
        self.email_stems = email_stems


class NameMaker:
    """Vietnamese names (family, middle, given) and international ones (first, last).

    Folding is per component, done once here: fold() works character by character, so the
    folded parts joined by spaces equal fold() of the whole name.
    """

    def __init__(self, rng: random.Random):
        self._random = rng.random
        self._families = expand((weight, name) for name, weight in people.VN_FAMILY_NAMES)
        parts = [
            people.VN_MIDDLE_NAMES_MALE,
            people.VN_MIDDLE_NAMES_FEMALE,
            people.VN_GIVEN_NAMES_MALE,
            people.VN_GIVEN_NAMES_FEMALE,
            people.INTL_FIRST_NAMES,
            people.INTL_LAST_NAMES,
            self._families,
        ]
        everything = [word for part in parts for word in part]
        assert_copy_safe(everything)
        self._fold = {word: fold(word) for word in everything}
        self._ascii = {word: _email_safe(folded) for word, folded in self._fold.items()}

    def vietnamese(self) -> Name:
        r = self._random
        family = pick(r, self._families)
        if r() < 0.5:
            middle = pick(r, people.VN_MIDDLE_NAMES_MALE)
            given = pick(r, people.VN_GIVEN_NAMES_MALE)
        else:
            middle = pick(r, people.VN_MIDDLE_NAMES_FEMALE)
            given = pick(r, people.VN_GIVEN_NAMES_FEMALE)
        f = self._fold
        a = self._ascii
        stems = (
            f"{a[given]}.{a[family]}",
            f"{a[family]}{a[middle]}{a[given]}",
            f"{a[given]}{a[family]}",
        )
        return Name(f"{family} {middle} {given}", f"{f[family]} {f[middle]} {f[given]}", stems)

    def international(self) -> Name:
        r = self._random
        first = pick(r, people.INTL_FIRST_NAMES)
        last = pick(r, people.INTL_LAST_NAMES)
        a = self._ascii
        stems = (f"{a[first]}.{a[last]}", f"{a[first]}{a[last]}", f"{a[first][0]}{a[last]}")
        return Name(f"{first} {last}", f"{self._fold[first]} {self._fold[last]}", stems)


class EmailMaker:
    def __init__(self, rng: random.Random):
        self._random = rng.random
        self._domains = expand((weight, domain) for domain, weight in people.EMAIL_DOMAINS)

    def for_name(self, name: Name) -> str:
        """Lower-case ASCII, so its folded form is itself."""
        r = self._random
        stem = pick(r, name.email_stems)
        if r() < 0.6:
            stem = f"{stem}{int(r() * 100):02d}"
        return f"{stem}@{pick(r, self._domains)}"


def _email_safe(folded: str) -> str:
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())
