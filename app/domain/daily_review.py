"""The daily review's periods and period-over-period changes.

A period is a run of whole calendar days in the shop's time zone; the previous period is the same
number of days just before it, so "yesterday" compares with the day before and "last 7 days" with
the seven days before those.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum

HUNDRED = Decimal(100)


class RangePreset(StrEnum):
    YESTERDAY = "yesterday"
    TODAY = "today"
    LAST_7_DAYS = "last7"
    CUSTOM = "custom"


PRESET_LABELS = {
    RangePreset.YESTERDAY: "Yesterday",
    RangePreset.TODAY: "Today",
    RangePreset.LAST_7_DAYS: "Last 7 days",
    RangePreset.CUSTOM: "Custom",
}


@dataclass(frozen=True)
class ReviewPeriod:
    """Whole days ``first`` to ``last`` (inclusive) in time zone ``zone``."""

    first: date
    last: date
    zone: tzinfo

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("a review period ends before it starts")

    @property
    def day_count(self) -> int:
        return (self.last - self.first).days + 1

    def days(self) -> Iterator[date]:
        for offset in range(self.day_count):
            yield self.first + timedelta(days=offset)

    def start(self) -> datetime:
        return day_start(self.first, self.zone)

    def end(self) -> datetime:
        """The first instant after the period."""
        return day_start(self.last + timedelta(days=1), self.zone)

    def previous(self) -> ReviewPeriod:
        span = timedelta(days=self.day_count)
        return ReviewPeriod(self.first - span, self.last - span, self.zone)

    def label(self) -> str:
        if self.first == self.last:
            return self.first.strftime("%a %d %b %Y")
        return f"{self.first:%d %b} – {self.last:%d %b %Y}"


def day_start(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def preset_period(
    preset: RangePreset, now: datetime, zone: tzinfo, custom: tuple[date, date] | None = None
) -> ReviewPeriod:
    """The period a preset means at ``now`` (a custom one needs its two days)."""
    today = now.astimezone(zone).date()
    if preset is RangePreset.TODAY:
        return ReviewPeriod(today, today, zone)
    if preset is RangePreset.YESTERDAY:
        yesterday = today - timedelta(days=1)
        return ReviewPeriod(yesterday, yesterday, zone)
    if preset is RangePreset.LAST_7_DAYS:
        # The last seven whole days: today is still under way and would look like a slump.
        return ReviewPeriod(today - timedelta(days=7), today - timedelta(days=1), zone)
    if custom is None:
        raise ValueError("a custom period needs a first and a last day")
    return ReviewPeriod(custom[0], custom[1], zone)


@dataclass(frozen=True)
class Change:
    """How a figure moved against the previous period.

    ``percent`` is None when the previous period had nothing to compare with (zero or no data):
    a shop that sold nothing the day before has no meaningful "+∞ %".
    """

    delta: Decimal
    percent: Decimal | None
    previous_empty: bool

    def text(self) -> str:
        if self.previous_empty:
            return "new" if self.delta else "no change"
        if self.percent is None or self.delta == 0:
            return "no change"
        sign = "+" if self.percent > 0 else "−"
        return f"{sign}{abs(self.percent):.1f}%"


def change(current: Decimal, previous: Decimal | None) -> Change:
    """``current`` against ``previous``; None or zero before means no percentage."""
    if previous is None or previous == 0:
        return Change(current - (previous or Decimal(0)), None, True)
    delta = current - previous
    return Change(delta, (delta * HUNDRED / abs(previous)).quantize(Decimal("0.1")), False)


class FigureKind(StrEnum):
    COUNT = "count"
    MONEY = "money"
    POINTS = "points"


@dataclass(frozen=True)
class Figure:
    """One headline number with its previous-period value.

    ``higher_is_better`` tells the view which way to colour a change (cancellations: lower).
    """

    key: str
    label: str
    kind: FigureKind
    value: Decimal | None  # None: the source was not available
    previous: Decimal | None = None
    higher_is_better: bool = True
    source: str = "vroom"

    @property
    def change(self) -> Change | None:
        if self.value is None:
            return None
        return change(self.value, self.previous)
