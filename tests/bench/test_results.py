"""Results: the JSON shape issue #7 asks for, the files, the printed table."""

import json
from datetime import datetime

from bench.results import Recorder, build_report, format_table, write_report
from bench.targets import REQUIRED


def test_given_a_measured_value_then_the_entry_has_value_unit_target_and_verdict():
    recorder = Recorder("postgresql", 1_000_000)

    entry = recorder.add(
        "list_first_page_p95_ms", 61.23456, timing={"n": 50}, raw_sql={"p95_ms": 2.0}, note=None
    )

    assert entry == {
        "value": 61.235,
        "unit": "ms",
        "target": 50,
        "ok": False,
        "timing": {"n": 50},
        "raw_sql": {"p95_ms": 2.0},
    }


def test_given_a_skipped_measurement_then_its_value_is_null_and_it_is_not_ok():
    recorder = Recorder("sqlite", 20_000)

    entry = recorder.skip("report_page_p95_ms", "/reports/ answers 404")

    assert entry["value"] is None
    assert entry["ok"] is False
    assert entry["note"] == "/reports/ answers 404"


def test_given_an_extra_name_without_target_then_it_is_recorded_unjudged():
    entry = Recorder("sqlite", 20_000).add("something_else", 3.0, unit="rows/s")

    assert entry["target"] is None
    assert entry["ok"] is None
    assert entry["unit"] == "rows/s"


def test_given_a_partial_run_then_the_report_still_names_every_required_result_in_order():
    recorder = Recorder("sqlite", 20_000)
    recorder.add("mixed_load_error_count", 0)
    recorder.add("generate_orders_per_s", 6000.0)
    recorder.fill_missing()

    report = build_report(recorder, git_commit="abc123", seed=7)

    assert list(report) == ["database", "orders", "git_commit", "seed", "results"]
    assert list(report["results"]) == list(REQUIRED)
    assert report["results"]["generate_orders_per_s"]["ok"] is True
    assert report["results"]["counts_p95_ms"]["value"] is None


def test_given_a_report_then_latest_and_a_dated_copy_are_written_as_json(tmp_path):
    recorder = Recorder("postgresql", 20_000)
    recorder.add("counts_p95_ms", 3.2)
    report = build_report(recorder, git_commit="abc123")

    paths = write_report(report, tmp_path / "results", now=datetime(2026, 11, 27, 9, 5, 0))

    assert [p.name for p in paths] == ["latest.json", "20261127-090500-postgresql-20000.json"]
    for path in paths:
        written = json.loads(path.read_text())
        assert written["database"] == "postgresql"
        assert written["results"]["counts_p95_ms"] == {
            "value": 3.2,
            "unit": "ms",
            "target": 5,
            "ok": True,
        }


def test_given_results_then_the_table_shows_each_with_its_target_and_verdict():
    recorder = Recorder("postgresql", 20_000)
    recorder.add("intake_orders_per_s", 250.0, raw_sql={"value": 900.0, "unit": "orders/s"})
    recorder.add(
        "counts_p95_ms", 3.2, timing={"p50_ms": 2.1}, raw_sql={"p50_ms": 0.1, "p95_ms": 0.2}
    )
    recorder.skip("report_page_p95_ms", "not there yet")

    table = format_table(build_report(recorder, git_commit="abc123def456789"))

    lines = {
        line.split()[0]: line for line in table.splitlines() if line.startswith(("i", "c", "r"))
    }
    assert "≥ 300" in lines["intake_orders_per_s"] and "MISS" in lines["intake_orders_per_s"]
    assert "900.0 orders/s" in lines["intake_orders_per_s"]
    assert "≤ 5" in lines["counts_p95_ms"] and " ok " in lines["counts_p95_ms"]
    assert "0.10/0.20 ms" in lines["counts_p95_ms"]
    assert "not there yet" in lines["report_page_p95_ms"]
    assert "commit abc123def456" in table
