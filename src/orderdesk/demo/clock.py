"""Time while generating: whole epoch seconds, turned into database text by table look-ups.

Formatting a million datetimes costs seconds; two list look-ups (the day, the second of the
day) cost almost nothing, and whole seconds are all demo data needs.
"""

import math
from datetime import UTC, datetime, timedelta

DAY = 86_400
HOUR = 3_600
MINUTE = 60
VIETNAM_OFFSET = 7 * HOUR  # customers shop by Vietnamese clock time (UTC+7, no DST)

# Relative shopping activity for each local hour 0..23: quiet at night, peaks at lunch and
# in the evening, as web shops in Vietnam see it.
HOURLY_ACTIVITY = [
    1, 1, 1, 1, 1, 2, 4, 6, 9, 11, 12, 13, 14, 11, 10, 10, 10, 11, 12, 15, 17, 16, 11, 5,
]  # fmt: skip


class TimeText:
    """Epoch seconds → the text a timestamp column takes ('2025-03-04 05:06:07+00').

    PostgreSQL gets an explicit UTC offset; Django stores naive UTC text on SQLite, so the
    suffix is empty there.
    """

    def __init__(self, first_second: int, last_second: int, suffix: str):
        self.first_day = first_second // DAY
        epoch = datetime(1970, 1, 1, tzinfo=UTC)
        self.day_text = [
            (epoch + timedelta(days=day)).strftime("%Y-%m-%d ")
            for day in range(self.first_day, last_second // DAY + 2)
        ]
        self.second_text = [
            f"{h:02d}:{m:02d}:{s:02d}{suffix}"
            for h in range(24)
            for m in range(60)
            for s in range(60)
        ]

    def __call__(self, second: int) -> str:
        return self.day_text[second // DAY - self.first_day] + self.second_text[second % DAY]


def now_seconds() -> int:
    return int(datetime.now(UTC).timestamp())


def to_datetime(second: int) -> datetime:
    return datetime.fromtimestamp(second, UTC)


class CreationTimeline:
    """Spreads n creation times over a period, in increasing order.

    Increasing times match increasing ids and codes, as real intake does, and keep the
    created_at indexes appending at their end instead of splitting pages all over. The shop
    grows over the period (the last day is 1 + `growth` times as busy as the first) and, with
    `daily_rhythm`, each day follows HOURLY_ACTIVITY in Vietnamese time.
    """

    RESOLUTION = 2_048  # steps of the time-of-day look-up table

    def __init__(
        self, *, start: int, end: int, count: int, growth: float = 1.0, daily_rhythm: bool = True
    ):
        self.start = start
        self.end = end
        self.count = max(count, 1)
        self.growth = growth
        self.span = max(end - start, 1)
        self.tod = _time_of_day_table(self.RESOLUTION) if daily_rhythm else None

    def at(self, index: int, jitter: float) -> int:
        """The creation time of the index-th of `count` items; jitter in [0, 1)."""
        u = (index + jitter) / self.count
        g = self.growth
        # Inverse of the CDF of a density rising linearly by `g` over the period.
        x = (math.sqrt(1 + 2 * g * u * (1 + g / 2)) - 1) / g if g else u
        second = self.start + x * self.span
        if self.tod is not None:
            # Keep the day, move the moment within it to where that share of the day's
            # orders would have come in.
            local = second + VIETNAM_OFFSET
            day_start = local - local % DAY
            fraction = (local - day_start) / DAY
            second = day_start + self.tod[int(fraction * self.RESOLUTION)] - VIETNAM_OFFSET
        return min(max(int(second), self.start), self.end)


def _time_of_day_table(resolution: int) -> list[int]:
    """Maps an even fraction of the day to a second of the day that follows HOURLY_ACTIVITY."""
    total = sum(HOURLY_ACTIVITY)
    table = []
    for step in range(resolution):
        target = (step + 0.5) / resolution * total
        seen = 0.0
        for hour, weight in enumerate(HOURLY_ACTIVITY):
            if seen + weight >= target:
                table.append(int(hour * HOUR + (target - seen) / weight * HOUR))
                break
            seen += weight
    return table
