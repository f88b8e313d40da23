"""Fast filtering and sorting over the pricing rows (no Qt): the 50,000-row path.

Each row's search text is lower-cased once. When the text filter grows by typing (``ros`` ->
``rose``) only the rows that matched before are looked at again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from app.services.pricing_rows import PriceRow

BIG = Decimal("1e18")
SortKey = Callable[[PriceRow], Any]


def _dec(value: Decimal | None) -> Decimal:
    return BIG if value is None else value


SORT_KEYS: tuple[SortKey, ...] = (
    lambda r: r.source.value,
    lambda r: r.title.casefold(),
    lambda r: r.code,
    lambda r: r.store.casefold(),
    lambda r: r.category.casefold(),
    lambda r: _dec(r.cost),
    lambda r: _dec(r.shown_price),
    lambda r: BIG if r.margin is None else r.margin.amount,
    lambda r: BIG if r.margin is None or r.margin.percent is None else r.margin.percent,
    lambda r: r.state or "",
    lambda r: _dec(r.stock),
    lambda r: r.detail,
)


def sort_key(column: int) -> SortKey:
    return SORT_KEYS[column]


def haystack(row: PriceRow) -> str:
    return f"{row.title}\t{row.code}\t{row.store}\t{row.category}\t{row.detail}".casefold()


class RowFilter:
    """Which rows show, in which order; ``keep`` carries the criteria over to new rows."""

    def __init__(self, rows: Sequence[PriceRow], keep: RowFilter | None = None) -> None:
        self.rows = rows
        self.texts = [haystack(r) for r in rows]
        self.order = list(range(len(rows)))
        self.by_key = {r.key: n for n, r in enumerate(rows)}
        self.barcodes = {code: n for n, r in enumerate(rows) for code in r.barcodes}
        self.text, self.source, self.store, self.category = "", "", "", ""
        self._matches: list[int] | None = None  # rows matching the text, in ``order``
        if keep is not None:
            self.update(
                text=keep.text, source=keep.source, store=keep.store, category=keep.category
            )

    def update(self, **criteria: str) -> None:
        text = criteria.get("text", self.text).casefold()
        text = text if text.strip() else ""
        narrowing = self._matches is not None and self.text and text.startswith(self.text)
        if text != self.text:
            pool = self._matches if narrowing and self._matches is not None else self.order
            texts = self.texts
            self._matches = [n for n in pool if text in texts[n]] if text else None
            self.text = text
        self.source = criteria.get("source", self.source)
        self.store = criteria.get("store", self.store)
        self.category = criteria.get("category", self.category)

    def visible(self) -> list[int]:
        pool = self.order if self._matches is None else self._matches
        if not (self.source or self.store or self.category):
            return list(pool)
        rows, source, store, category = self.rows, self.source, self.store, self.category
        return [
            n
            for n in pool
            if (not source or rows[n].source.value == source)
            and (not store or rows[n].store == store)
            and (not category or rows[n].category == category)
        ]

    def sort(self, key: SortKey, *, descending: bool = False) -> None:
        rows = self.rows
        self.order.sort(key=lambda n: key(rows[n]), reverse=descending)
        if self._matches is not None:
            rank = {n: i for i, n in enumerate(self.order)}
            self._matches.sort(key=rank.__getitem__)

    def position(self, key: str) -> int | None:
        return self.by_key.get(key)

    def find_barcode(self, code: str) -> int | None:
        """The row (index into ``rows``) whose barcode or SKU code is exactly ``code``."""
        return self.barcodes.get(code.strip())
