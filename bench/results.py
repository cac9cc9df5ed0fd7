"""Collecting results, judging them against the targets, the JSON files and the printed table.

Pure Python, no Django. Each result is {"value", "unit", "target", "ok"} as issue #7 asks,
plus optional detail: "timing" (the HTTP or command timings), "raw_sql" (the same queries run
through psycopg or sqlite3 in the same run), "ratio" (measured / raw) and "note".
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bench.targets import REQUIRED, Target, targets_for


def _rounded(value):
    if isinstance(value, float):
        return round(value, 3 if abs(value) < 100 else 1)
    return value


@dataclass
class Recorder:
    database: str  # "postgresql" or "sqlite"
    orders: int
    results: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self):
        self.targets = targets_for(self.database)

    def add(self, name: str, value, *, unit: str | None = None, **detail) -> dict:
        """Record one result; `detail` goes into the entry as it is (None values left out)."""
        target = self.targets.get(name) or Target(unit or "", None)
        entry = {
            "value": _rounded(value),
            "unit": unit or target.unit,
            "target": target.limit,
            "ok": target.met_by(value),
        }
        entry.update({key: _rounded(v) for key, v in detail.items() if v is not None})
        self.results[name] = entry
        return entry

    def skip(self, name: str, note: str) -> dict:
        """A result that could not be measured: value null, ok false, and why."""
        return self.add(name, None, note=note)

    def fill_missing(self, note: str = "not measured in this run") -> None:
        for name in REQUIRED:
            if name not in self.results:
                self.skip(name, note)

    def ordered(self) -> dict[str, dict]:
        """Required names in the issue's order, then the extra ones in the order recorded."""
        first = {name: self.results[name] for name in REQUIRED if name in self.results}
        rest = {name: entry for name, entry in self.results.items() if name not in first}
        return {**first, **rest}


def build_report(recorder: Recorder, *, git_commit: str, **meta) -> dict:
    return {
        "database": recorder.database,
        "orders": recorder.orders,
        "git_commit": git_commit,
        **meta,
        "results": recorder.ordered(),
    }


def write_report(report: dict, directory: Path, *, now: datetime | None = None) -> list[Path]:
    """latest.json and a dated copy (YYYYMMDD-HHMMSS-<database>-<orders>.json)."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    paths = [
        directory / "latest.json",
        directory / f"{stamp}-{report['database']}-{report['orders']}.json",
    ]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    return paths


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) or (isinstance(value, float) and abs(value) >= 1000):
        return f"{value:,.0f}"
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def _target(entry: dict, name: str, database: str) -> str:
    limit = entry["target"]
    if limit is None:
        return ""
    if isinstance(limit, bool):
        return _number(limit)
    at_least = targets_for(database)[name].at_least if name in targets_for(database) else False
    return ("≥ " if at_least else "≤ ") + _number(limit)


def _verdict(ok) -> str:
    return {True: "ok", False: "MISS", None: ""}[ok]


COLUMNS = ("result", "value", "unit", "target", "", "p50", "raw SQL p50/p95", "ratio", "note")


def format_table(report: dict, *, note_width: int = 60) -> str:
    """The results as a fixed-width text table, one line per result."""
    rows = []
    for name, entry in report["results"].items():
        timing = entry.get("timing") or {}
        raw = entry.get("raw_sql") or {}
        raw_text = (
            f"{_number(raw.get('p50_ms'))}/{_number(raw.get('p95_ms'))} ms"
            if "p95_ms" in raw
            else _number(raw.get("value")) + f" {raw.get('unit', '')}".rstrip()
            if "value" in raw
            else ""
        )
        note = entry.get("note", "")
        rows.append(
            (
                name,
                _number(entry["value"]),
                entry["unit"],
                _target(entry, name, report["database"]),
                _verdict(entry["ok"]),
                _number(timing["p50_ms"]) if "p50_ms" in timing else "",
                raw_text,
                _number(entry["ratio"]) + "×" if entry.get("ratio") is not None else "",
                note if len(note) <= note_width else note[: note_width - 1] + "…",
            )
        )
    widths = [max(len(str(row[i])) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    right = {1, 5, 6, 7}

    def line(cells) -> str:
        return "  ".join(
            str(cell).rjust(width) if i in right else str(cell).ljust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    header = (
        f"Orderdesk bench — {report['database']}, {report['orders']:,} orders, "
        f"commit {report['git_commit'][:12]}"
    )
    if report.get("machine", {}).get("python_loop_ms"):
        header += f" (Python loop probe: {report['machine']['python_loop_ms']:,.0f} ms)"
    rule = "-" * len(line(COLUMNS))
    return "\n".join([header, rule, line(COLUMNS), rule, *(line(row) for row in rows), rule])
