"""Medians and percentiles of timings: pure Python, no Django."""

import math
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100), interpolated between the two nearest ranks.

    The same definition as numpy's default ("linear"): percentile([1, 2, 3, 4], 50) == 2.5.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"q must be between 0 and 100, not {q}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    if low == high:
        return float(ordered[low])
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Timing:
    """A summary of repeated timings, in milliseconds."""

    n: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float

    @classmethod
    def of_seconds(cls, seconds: Sequence[float]) -> "Timing":
        ms = [s * 1000 for s in seconds]
        return cls(
            n=len(ms),
            p50_ms=percentile(ms, 50),
            p95_ms=percentile(ms, 95),
            mean_ms=sum(ms) / len(ms),
            max_ms=max(ms),
        )

    def as_dict(self) -> dict:
        return {
            "n": self.n,
            "p50_ms": round(self.p50_ms, 3),
            "p95_ms": round(self.p95_ms, 3),
            "mean_ms": round(self.mean_ms, 3),
            "max_ms": round(self.max_ms, 3),
        }


def ratio(measured: float | None, baseline: float | None) -> float | None:
    """measured / baseline, or None when either is missing or the baseline is zero."""
    if measured is None or not baseline:
        return None
    return measured / baseline
