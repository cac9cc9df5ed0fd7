"""Percentiles and timing summaries of the bench harness."""

import pytest

from bench.stats import Timing, percentile, ratio


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([1, 2, 3, 4], 50, 2.5),
        ([1, 2, 3, 4, 5], 50, 3),
        ([5, 1, 4, 2, 3], 0, 1),
        ([5, 1, 4, 2, 3], 100, 5),
        (list(range(1, 101)), 95, 95.05),  # numpy.percentile(range(1, 101), 95)
        ([7], 95, 7),
    ],
)
def test_given_values_then_the_percentile_interpolates_between_nearest_ranks(values, q, expected):
    assert percentile(values, q) == pytest.approx(expected)


def test_given_no_values_or_a_bad_rank_then_percentile_refuses():
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1, 2], 101)


def test_given_seconds_then_the_timing_summary_is_in_milliseconds():
    timing = Timing.of_seconds([0.010, 0.020, 0.030, 0.040, 1.0])

    assert timing.n == 5
    assert timing.p50_ms == pytest.approx(30)
    assert timing.p95_ms == pytest.approx(40 + 0.8 * 960)
    assert timing.max_ms == pytest.approx(1000)
    assert timing.as_dict()["p50_ms"] == 30.0


def test_given_a_missing_or_zero_baseline_then_there_is_no_ratio():
    assert ratio(30, 10) == 3
    assert ratio(None, 10) is None
    assert ratio(30, 0) is None
    assert ratio(30, None) is None
