"""Finding user-facing text without GNU gettext: Django's own template lexer for templates,
Python's ast for code, Babel's .po reader for the catalogues. Shared by the i18n tests."""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

SRC = Path(__file__).resolve().parents[2] / "src" / "orderdesk"
LOCALE = SRC / "locale"

# A run of letters makes text a person reads; symbols, numbers and codes do not.
_WORDS = re.compile(r"[^\W\d_]{2,}")
# Attributes a person reads (the rest are ids, classes, URLs, htmx instructions).
_READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "label", "data-confirm"}
# Text that is the same in every language: brand and unit-like tokens.
_SAME_IN_EVERY_LANGUAGE = {
    "Orderdesk",
    "CSV",
    "XLSX",
    "API",
    "SKU",
    "JSON",
    "htmx",
    "CR",
    "SO",
    "SHA",
}


def _is_readable(text: str) -> bool:
    words = [w for w in _WORDS.findall(text) if w not in _SAME_IN_EVERY_LANGUAGE]
    return bool(words)


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "code"):  # code is the same in every language
            self._skip += 1
        for name, value in attrs:
            if name in _READ_ATTRIBUTES and value and _is_readable(value):
                self.found.append(f'{name}="{value}"')

    def handle_endtag(self, tag):
        if tag in ("script", "style", "code") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and _is_readable(data):
            self.found.append(data.strip())


def template_unmarked(path: Path) -> list[str]:
    """Text of a template that no {% translate %} / {% blocktranslate %} covers."""
    tokens = Lexer(path.read_text(encoding="utf-8")).tokenize()
    plain: list[str] = []
    inside = None  # the closing tag of a block whose text is not the page's own
    for token in tokens:
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            if inside and name == inside:
                inside = None
            elif (
                name in ("blocktranslate", "blocktrans") and "asvar" not in token.contents
            ) or name in ("blocktranslate", "blocktrans"):
                inside = "endblocktranslate" if name == "blocktranslate" else "endblocktrans"
            elif name == "comment":
                inside = "endcomment"
            # A variable or tag stands where text may stand: keep the text apart.
            plain.append("\x00")
        elif token.token_type == TokenType.TEXT and not inside:
            plain.append(token.contents)
        else:
            plain.append("\x00")
    finder = _TextFinder()
    finder.feed("".join(plain).replace("\x00", " "))
    return finder.found


# --- Python ------------------------------------------------------------------------------------
_GETTEXT = {
    "_",
    "gettext",
    "gettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "npgettext",
    "npgettext_lazy",
    "gettext_noop",
    "_lazy",
    "_n",
}
# Keyword arguments whose value a person reads.
_READ_KEYWORDS = {
    "label",
    "help_text",
    "verbose_name",
    "verbose_name_plural",
    "empty_label",
    "title",
    "detail",
    "placeholder",
    "message",
}
# Calls, and the position of their argument a person reads.
_READ_CALLS = {
    "ValidationError": 0,
    "ValidationFailed": 0,
    "DomainError": 0,
    "NotFound": 0,
    "PermissionDenied": 0,
    "Conflict": 0,
    "InvalidTransition": 0,
    "OrderLocked": 0,
    "VersionMismatch": 0,
    "add_error": 1,
    "success": 1,
    "for_field": 1,
    "add": 1,
    "problem": 2,
}


def _readable_literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _is_readable(node.value):
        return node.value
    if isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return text if _is_readable(text) else None
    return None


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def python_unmarked(path: Path) -> list[str]:
    """Literal text handed to a form, a message, an error or a problem without gettext."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or _name(node.func) in _GETTEXT:
            continue
        candidates = [kw.value for kw in node.keywords if kw.arg in _READ_KEYWORDS]
        position = _READ_CALLS.get(_name(node.func))
        if position is not None and len(node.args) > position:
            candidates.append(node.args[position])
        for candidate in candidates:
            text = _readable_literal(candidate)
            if text is not None:
                found.append(f"{path.relative_to(SRC)}:{candidate.lineno}: {text!r}")
    return found


# --- The messages the source asks for, found without xgettext -----------------------------------
_KEYWORDS = {
    "_": None, "gettext": None, "gettext_lazy": None, "gettext_noop": None, "_lazy": None,
    "ngettext": (1, 2), "ngettext_lazy": (1, 2), "pgettext": ((1, "c"), 2),
    "pgettext_lazy": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3), "npgettext_lazy": ((1, "c"), 2, 3),
}  # fmt: skip


def _template_messages(code: str) -> set[tuple[str | None, str]]:
    """The gettext calls of a template turned into code by templatize (not valid Python: Babel's
    tokenizer reads it as xgettext would)."""
    from io import BytesIO

    from babel.messages.extract import extract

    code = "\n".join(line.strip() for line in code.splitlines())
    found = set()
    for _lineno, message, _comments, context in extract(
        "python", BytesIO(code.encode("utf-8")), keywords=_KEYWORDS
    ):
        singular = message if isinstance(message, str) else message[0]
        if singular:
            found.add((context, singular))
    return found


def _python_messages(code: str) -> set[tuple[str | None, str]]:
    """gettext calls with literal arguments, read from the syntax tree."""
    found = set()
    for node in ast.walk(ast.parse(code)):
        if not isinstance(node, ast.Call) or _name(node.func) not in _KEYWORDS:
            continue
        texts = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        context = None
        if _name(node.func).startswith(("pgettext", "npgettext")):
            context, texts = (texts[0] if texts else None), texts[1:]
        if texts and isinstance(texts[0], str) and texts[0]:
            found.add((context, texts[0]))
    return found


def source_messages() -> dict[tuple[str | None, str], str]:
    """(context, msgid) → the first file asking for it, from Python code and templates (the
    templates turned into gettext calls by Django's own templatize, as makemessages does)."""
    from django.utils.translation.template import templatize

    found: dict[tuple[str | None, str], str] = {}
    for path in sorted(SRC.rglob("*")):
        relative = str(path.relative_to(SRC))
        if "migrations" in path.parts or "demo" in path.parts:
            continue
        if path.suffix == ".py":
            messages = _python_messages(path.read_text(encoding="utf-8"))
        elif path.suffix in (".html", ".txt"):
            messages = _template_messages(
                templatize(path.read_text(encoding="utf-8"), origin=str(path))
            )
        else:
            continue
        for key in messages:
            found.setdefault(key, relative)
    return found


def catalogue(language: str):
    from babel.messages.pofile import read_po

    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as source:
        return read_po(source, locale=language)
