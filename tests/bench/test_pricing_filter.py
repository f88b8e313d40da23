"""Benchmark: filtering the pricing rows per keystroke, beside a plain Python filter.

Typing "rose red 4" one key at a time into the search box. The view's filter (lower-cased search
text made once per row; a longer text narrows the rows already matched) is timed against a plain
list comprehension that lower-cases and tests every row on every keystroke, over the same rows.
The default is 10,000 rows for CI; COUNTERPART_BENCH_FULL=1 measures 50,000.
"""

from __future__ import annotations

import os
import random
import time
from decimal import Decimal

import pytest

from app.services.pricing_rows import PriceRow, Source
from app.ui.views.pricing.filtering import RowFilter

FULL = os.environ.get("COUNTERPART_BENCH_FULL") == "1"  # read at import (autouse clears env)
COUNT = 50_000 if FULL else 10_000
TYPED = "rose red 4"
WORDS = ("rose", "tulip", "peony", "eucalyptus", "ribbon", "vase", "lily", "orchid")
COLOURS = ("red", "white", "pink", "cream", "lilac")


def _rows(count: int) -> list[PriceRow]:
    rng = random.Random(5)
    sources = list(Source)
    return [
        PriceRow(
            key=f"r{n}",
            source=sources[n % 3],
            vendor_id=str(n),
            title=f"{rng.choice(WORDS)} {rng.choice(COLOURS)} #{n}",
            code=f"460{n:010d}",
            barcodes=(f"460{n:010d}",),
            store=("Main street", "Station kiosk")[n % 2],
            category=rng.choice(("Roses", "Greenery", "Supplies")),
            cost=Decimal(rng.randrange(1, 50)),
            price=Decimal(rng.randrange(2, 90)),
        )
        for n in range(count)
    ]


def _plain(rows: list[PriceRow], text: str) -> list[int]:
    needle = text.casefold()
    return [
        n
        for n, r in enumerate(rows)
        if needle in f"{r.title}\t{r.code}\t{r.store}\t{r.category}\t{r.detail}".casefold()
    ]


@pytest.mark.bench
def test_filter_per_keystroke_beside_a_plain_filter() -> None:
    rows = _rows(COUNT)
    row_filter = RowFilter(rows)
    ours, plain = [], []
    for end in range(1, len(TYPED) + 1):
        text = TYPED[:end]
        started = time.perf_counter()
        row_filter.update(text=text)
        shown = row_filter.visible()
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        expected = _plain(rows, text)
        plain.append(time.perf_counter() - started)
        assert shown == expected  # same rows, same order
    worst, base = max(ours) * 1000, max(plain) * 1000
    mean, base_mean = sum(ours) / len(ours) * 1000, sum(plain) / len(plain) * 1000
    print(
        f"\npricing filter ({COUNT:,} rows, per keystroke): worst {worst:.1f} ms, mean "
        f"{mean:.1f} ms (baseline plain filter worst {base:.1f} ms, mean {base_mean:.1f} ms)"
    )
    assert len(ours) == len(TYPED)
