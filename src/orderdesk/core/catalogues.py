"""The translation catalogues: .po files are the source, the committed .mo files are what
Django reads. Compiled with Babel, so neither a fresh clone nor a server needs GNU gettext.

`orderdesk compile-catalogues` rewrites every .mo from its .po; `--check` (and a test) fail
when a committed .mo no longer matches its .po.
"""

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def po_files(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compiled(po_path: Path) -> bytes:
    """The .mo bytes of a .po file (fuzzy and untranslated entries left out, as msgfmt does)."""
    with po_path.open("rb") as source:
        catalog = read_po(source, locale=po_path.parent.parent.name)
    output = BytesIO()
    write_mo(output, catalog, use_fuzzy=False)
    return output.getvalue()


def stale_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """The .po files whose committed .mo is missing or differs from a fresh compilation."""
    stale = []
    for po_path in po_files(locale_dir):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.read_bytes() != compiled(po_path):
            stale.append(po_path)
    return stale


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write the .mo of every stale .po; returns the .po files compiled."""
    written = stale_catalogues(locale_dir)
    for po_path in written:
        po_path.with_suffix(".mo").write_bytes(compiled(po_path))
    return written
