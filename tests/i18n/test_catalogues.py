"""Every user-facing text is marked for translation, and both catalogues hold every message,
translated and compiled. Nothing here needs GNU gettext (see tests/i18n/extract.py)."""

import re

import pytest
from django.utils import translation
from django.utils.functional import Promise

from orderdesk.core.catalogues import compiled, po_files, stale_catalogues
from orderdesk.exports.datasets import DATASETS
from orderdesk.reconciliation.exporters import StatementExporter
from tests.i18n.extract import (
    SRC,
    catalogue,
    python_unmarked,
    source_messages,
    template_unmarked,
)

TEMPLATES = sorted(SRC.rglob("templates/**/*.html"))
# Code a person reads the result of: forms, views, services, domain, API, exports, reports.
PYTHON = sorted(
    p
    for p in SRC.rglob("*.py")
    if not {"migrations", "management", "demo", "formats"} & set(p.parts)
)
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdr]|%[sd]|\{[a-z_]+\}")


def _key(message) -> tuple[str | None, str]:
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_given_a_template_then_every_text_a_person_reads_is_marked(path):
    assert template_unmarked(path) == []


def test_given_the_code_then_every_label_message_and_error_text_is_marked():
    unmarked = [found for path in PYTHON for found in python_unmarked(path)]
    assert unmarked == []


def test_given_every_export_then_its_column_headers_are_translatable_messages():
    asked = source_messages()
    exporters = [dataset.exporter for dataset in DATASETS.values()] + [StatementExporter]
    for exporter in exporters:
        for column in exporter.columns:
            assert isinstance(column.label, Promise), (exporter.__name__, column.label)
            with translation.override("en"):
                assert (None, str(column.label)) in asked


@pytest.mark.parametrize("language", ["vi", "en"])
def test_given_the_source_then_the_catalogue_holds_every_message_and_nothing_stale(language):
    asked = set(source_messages())
    held = {_key(m) for m in catalogue(language) if m.id}
    assert sorted(asked - held, key=str) == [], "run `make messages`"
    assert sorted(held - asked, key=str) == [], "stale entries: run `make messages`"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_given_a_catalogue_then_every_entry_is_translated_with_the_same_placeholders(language):
    for message in catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        assert all(strings) and not message.fuzzy, _key(message)
        wanted = set().union(*(PLACEHOLDER.findall(i) for i in ids))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= wanted, _key(message)
            if not isinstance(message.id, tuple):
                assert set(PLACEHOLDER.findall(string)) == wanted, _key(message)


def test_given_the_vietnamese_catalogue_then_most_texts_are_really_translated():
    # Codes, formats and names (CSV, SKU, API…) stay as they are; sentences may not.
    messages = [m for m in catalogue("vi") if m.id and isinstance(m.id, str)]
    names = {"Excel (XLSX)"}
    same = [m.id for m in messages if m.string == m.id and " " in m.id and m.id not in names]
    assert same == []


def test_given_the_committed_catalogues_then_every_mo_matches_its_po():
    assert po_files(), "no catalogues found"
    assert stale_catalogues() == [], "run `orderdesk compile-catalogues`"


def test_given_a_changed_po_then_the_staleness_check_notices(tmp_path):
    # The check above must be able to fail: a .mo compiled from other text is stale.
    source = po_files()[0]
    copy = tmp_path / source.parent.parent.name / "LC_MESSAGES" / source.name
    copy.parent.mkdir(parents=True)
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    copy.with_suffix(".mo").write_bytes(compiled(copy))
    assert stale_catalogues(tmp_path) == []
    copy.write_text(
        copy.read_text(encoding="utf-8").replace('msgstr "', 'msgstr "x', 2), encoding="utf-8"
    )
    assert stale_catalogues(tmp_path) == [copy]
