"""What sold and what customers looked for: products by sales and units, missed searches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.domain.money import ZERO
from app.domain.orders import Order
from app.domain.orders_reports import SalesByProduct, SearchTerm


def _key(upc: str | None, title: str | None) -> str:
    return upc or title or "?"


def merge_sales(parts: Iterable[Iterable[SalesByProduct]]) -> list[SalesByProduct]:
    """Add day-by-day sales reports into one, sorted by sales (the vendor's order, §A3.9)."""
    found: dict[str, SalesByProduct] = {}
    for part in parts:
        for row in part:
            key = _key(row.upc_or_plu, row.title)
            before = found.get(key)
            if before is None:
                found[key] = row
                continue
            found[key] = SalesByProduct(
                before.upc_or_plu,
                before.title or row.title,
                (before.total_sales or ZERO) + (row.total_sales or ZERO),
                (before.units_sold or 0) + (row.units_sold or 0),
                before.category or row.category,
                before.image_url or row.image_url,
            )
    return rank_by_sales(found.values())


def sales_from_lines(orders: Iterable[Order]) -> list[SalesByProduct]:
    """Sales by product worked out from order lines (unit price x final quantity).

    Used for one store or a group: Vroom's own report cannot be split by store after the fact.
    Canceled orders are left out, as the vendor's report leaves them out.
    """
    parts: list[list[SalesByProduct]] = []
    for order in orders:
        if order.canceled:
            continue
        parts.append(
            [
                SalesByProduct(
                    line.upc_or_plu, line.title, line.line_total or ZERO, line.quantity, None, None
                )
                for line in order.items
            ]
        )
    return merge_sales(parts)


def rank_by_sales(rows: Iterable[SalesByProduct]) -> list[SalesByProduct]:
    return sorted(rows, key=lambda r: (-(r.total_sales or ZERO), r.title or ""))


def rank_by_units(rows: Iterable[SalesByProduct]) -> list[SalesByProduct]:
    return sorted(rows, key=lambda r: (-(r.units_sold or 0), r.title or ""))


@dataclass(frozen=True)
class MissedSearch:
    """A term customers searched for and did not buy from: demand the store is missing."""

    term: str
    searches: int
    no_results: int
    unclicked: int
    searchers: int
    last_searched: datetime | None

    @property
    def missed(self) -> int:
        return self.no_results + self.unclicked


def missed_searches(terms: Iterable[SearchTerm]) -> list[MissedSearch]:
    """Terms with a search that found nothing or that nobody clicked, most missed first."""
    count: dict[str, int] = defaultdict(int)
    empty: dict[str, int] = defaultdict(int)
    unclicked: dict[str, int] = defaultdict(int)
    people: dict[str, set[str]] = defaultdict(set)
    last: dict[str, datetime] = {}
    for t in terms:
        term = (t.term or "").strip().casefold()
        if not term:
            continue
        count[term] += 1
        if t.found_nothing:
            empty[term] += 1
        elif t.selected_upc_or_plu is None:
            unclicked[term] += 1
        people[term].add(t.ip_hash or "")
        if t.created_at and (term not in last or t.created_at > last[term]):
            last[term] = t.created_at
    rows = [
        MissedSearch(k, count[k], empty[k], unclicked[k], len(people[k]), last.get(k))
        for k in count
        if empty[k] or unclicked[k]
    ]
    return sorted(rows, key=lambda r: (-r.missed, -r.no_results, r.term))
