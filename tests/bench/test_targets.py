"""The targets of issue #7 and how a value is judged against them."""

from bench.targets import REQUIRED, at_least, at_most, must_be_true, targets_for

ISSUE_NAMES = [
    "generate_orders_per_s",
    "list_first_page_p95_ms",
    "list_status_tab_p95_ms",
    "list_deep_page_p95_ms",
    "counts_p95_ms",
    "search_code_p95_ms",
    "search_phone_p95_ms",
    "search_name_p95_ms",
    "search_common_term_p95_ms",
    "list_query_vs_raw_sql_ratio",
    "intake_orders_per_s",
    "intake_p95_ms",
    "bulk_transition_orders_per_s",
    "export_csv_rows_per_s",
    "export_csv_peak_rss_mb",
    "export_csv_vs_copy_ratio",
    "export_xlsx_rows_per_s",
    "export_xlsx_peak_rss_mb",
    "report_page_p95_ms",
    "mixed_load_error_count",
    "mixed_load_list_p95_ms",
]


def test_every_name_the_issue_asks_for_has_a_target_in_the_issues_order():
    assert list(REQUIRED) == ISSUE_NAMES
    assert all(target.limit is not None for target in REQUIRED.values())


def test_given_an_at_most_target_then_values_up_to_the_limit_meet_it():
    target = at_most("ms", 50)

    assert target.met_by(49.9) is True
    assert target.met_by(50) is True
    assert target.met_by(50.1) is False


def test_given_an_at_least_target_then_values_from_the_limit_up_meet_it():
    target = at_least("orders/s", 5_500)

    assert target.met_by(5_500) is True
    assert target.met_by(5_499) is False


def test_given_no_value_then_no_target_is_met_and_without_a_limit_nothing_is_judged():
    assert at_most("ms", 50).met_by(None) is False
    assert at_most("ms", None).met_by(10) is None


def test_given_a_true_or_false_target_then_only_true_meets_it():
    assert must_be_true().met_by(True) is True
    assert must_be_true().met_by(False) is False
    assert must_be_true().met_by(1) is False


def test_given_sqlite_then_list_tab_and_search_targets_are_100_ms_and_the_rest_stay():
    sqlite, postgresql = targets_for("sqlite"), targets_for("postgresql")

    assert sqlite["list_first_page_p95_ms"].limit == 100
    assert sqlite["search_common_term_p95_ms"].limit == 100
    assert postgresql["list_first_page_p95_ms"].limit == 50
    assert sqlite["counts_p95_ms"].limit == postgresql["counts_p95_ms"].limit == 5
