"""One daily review, assembled: a period's records narrowed to the chosen stores, with figures.

The records come per day (so a cached day never has to be asked for again); the store filter is
applied here, after the fact, so every store choice is served by the same cached days.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.domain.daily_review import Figure, FigureKind, ReviewPeriod
from app.domain.flower_orders import StoreStats
from app.domain.orders import Order
from app.domain.orders_reports import AuditLogEntry, SalesByProduct, SearchTerm, Transaction
from app.domain.review_demand import merge_sales, sales_from_lines
from app.domain.review_figures import OrderFigures, headline, order_figures


@dataclass(frozen=True)
class ReviewDay:
    """Everything Vroom reported about one calendar day, for every store."""

    day: date
    fetched_at: datetime
    orders: tuple[Order, ...] = ()
    transactions: tuple[Transaction, ...] = ()
    sales: tuple[SalesByProduct, ...] = ()
    searches: tuple[SearchTerm, ...] = ()
    audit: tuple[AuditLogEntry, ...] = ()


def _in(store_id: str | None, stores: Collection[str] | None) -> bool:
    return stores is None or (store_id is not None and store_id in stores)


@dataclass(frozen=True)
class Review:
    """What the view shows and the exports write, for one period and one store choice."""

    period: ReviewPeriod
    stores: frozenset[str] | None  # None: every store
    orders: list[Order]
    transactions: list[Transaction]
    sales: list[SalesByProduct]
    searches: list[SearchTerm]
    audit: list[AuditLogEntry]
    figures: OrderFigures
    previous_figures: OrderFigures | None
    flower: StoreStats | None = None
    flower_previous: StoreStats | None = None
    missing_days: tuple[date, ...] = ()
    notes: list[str] = field(default_factory=list)

    def headline(self) -> list[Figure]:
        figures = headline(self.figures, self.previous_figures)
        return figures + flower_figures(self.flower, self.flower_previous)


def assemble(
    period: ReviewPeriod,
    days: Iterable[ReviewDay],
    previous: Iterable[ReviewDay] | None,
    stores: Collection[str] | None = None,
) -> Review:
    """Narrow the days to ``stores`` (None = all) and work out the figures."""
    chosen = frozenset(stores) if stores is not None else None
    days = sorted(days, key=lambda d: d.day)
    orders = [o for d in days for o in d.orders if _in(o.store_id, chosen)]
    # Vroom's own report covers every store; a store choice is served from the order lines.
    sales = merge_sales(d.sales for d in days) if chosen is None else sales_from_lines(orders)
    prior = None
    if previous is not None:
        prior = order_figures(o for d in previous for o in d.orders if _in(o.store_id, chosen))
    present = {d.day for d in days}
    return Review(
        period=period,
        stores=chosen,
        orders=sorted(orders, key=_placed),
        transactions=[t for d in days for t in d.transactions if _in(t.store_id, chosen)],
        sales=sales,
        searches=[s for d in days for s in d.searches if _in(s.store_id, chosen)],
        audit=[a for d in days for a in d.audit if chosen is None or a.store_id in chosen],
        figures=order_figures(orders),
        previous_figures=prior,
        missing_days=tuple(day for day in period.days() if day not in present),
    )


def _placed(order: Order) -> tuple[float, str]:
    moment = order.placed_at
    return (moment.timestamp() if moment else 0.0, order.id)


def flower_figures(now: StoreStats | None, before: StoreStats | None) -> list[Figure]:
    """Posiflora's bonus points accrued and spent, and the flower shop's own sales."""
    if now is None:
        return []
    rows = (
        ("flower_revenue", "Flower shop sales", FigureKind.MONEY, "revenue"),
        ("flower_orders", "Flower shop orders", FigureKind.COUNT, "orders_count"),
        ("bonuses_accrued", "Bonuses accrued", FigureKind.POINTS, "bonuses_accrued"),
        ("bonuses_spent", "Bonuses spent", FigureKind.POINTS, "bonuses_spent"),
    )
    return [
        Figure(
            key,
            label,
            kind,
            Decimal(getattr(now, attr)),
            None if before is None else Decimal(getattr(before, attr)),
            source="posiflora",
        )
        for key, label, kind, attr in rows
    ]
