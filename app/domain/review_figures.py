"""The review's headline figures from a period's orders, all Decimal.

Two rules decide what a canceled order counts for:
- sales figures (orders, gross and net sales, average order, discounts, new customers) leave
  canceled orders out: the sale did not happen;
- money figures (net remit, tips) add every order's own *net* amount: a cancellation that kept a
  fee or a tip still moved money, and one fully refunded nets to zero by itself.
In-store adjustments (short picks refunded, upcharges) stay on the order: gross sales are what the
customers were charged, net sales what they paid after adjustments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.daily_review import Figure, FigureKind
from app.domain.money import CENT, ZERO
from app.domain.orders import Order


def _amount(value: Decimal | None) -> Decimal:
    return ZERO if value is None else value


def _first(*values: Decimal | None) -> Decimal:
    for value in values:
        if value is not None:
            return value
    return ZERO


def net_tip(order: Order) -> Decimal:
    """§A3.6: net_tip is the tip minus the tip refund; worked out when the vendor left it out."""
    t = order.totals
    if t.net_tip is not None:
        return t.net_tip
    return _amount(t.tip) - _amount(t.tip_refund)


def adjustment(order: Order) -> Decimal:
    """What in-store adjustments took off the order (refunds less upcharges)."""
    return _amount(order.totals.refund_amount) - _amount(order.totals.upcharge_amount)


@dataclass(frozen=True)
class OrderFigures:
    orders: int = 0
    gross_sales: Decimal = ZERO
    adjustments: Decimal = ZERO
    net_remit: Decimal = ZERO
    cancellations: int = 0
    canceled_value: Decimal = ZERO
    new_customers: int = 0
    tips: Decimal = ZERO
    promo_discounts: Decimal = ZERO
    loyalty_discounts: Decimal = ZERO

    @property
    def net_sales(self) -> Decimal:
        return self.gross_sales - self.adjustments

    @property
    def average_order(self) -> Decimal:
        """Gross sales per order to the cent; zero when there were no orders."""
        if not self.orders:
            return ZERO
        return (self.gross_sales / self.orders).quantize(CENT, rounding=ROUND_HALF_UP)


def order_figures(orders: Iterable[Order]) -> OrderFigures:
    """Sum a period's orders by the rules in the module docstring."""
    kept: list[Order] = []
    canceled: list[Order] = []
    for order in orders:
        (canceled if order.canceled else kept).append(order)
    every = kept + canceled
    return OrderFigures(
        orders=len(kept),
        gross_sales=sum((_amount(o.totals.total) for o in kept), ZERO),
        adjustments=sum((adjustment(o) for o in kept), ZERO),
        net_remit=sum((_amount(o.totals.net_remit) for o in every), ZERO),
        cancellations=len(canceled),
        canceled_value=sum((_amount(o.totals.total) for o in canceled), ZERO),
        new_customers=sum(1 for o in kept if o.is_new_customer),
        tips=sum((net_tip(o) for o in every), ZERO),
        promo_discounts=sum(
            (
                _first(
                    o.discounts.promotion_code_final_discount,
                    o.discounts.promotion_code_original_discount,
                )
                for o in kept
            ),
            ZERO,
        ),
        loyalty_discounts=sum(
            (
                _first(o.discounts.loyalty_final_discount, o.discounts.loyalty_original_discount)
                for o in kept
            ),
            ZERO,
        ),
    )


# key, label, kind, higher is better
HEADLINE = (
    ("orders", "Orders", FigureKind.COUNT, True),
    ("gross_sales", "Gross sales", FigureKind.MONEY, True),
    ("net_remit", "Net remit", FigureKind.MONEY, True),
    ("average_order", "Average order", FigureKind.MONEY, True),
    ("cancellations", "Cancellations", FigureKind.COUNT, False),
    ("new_customers", "New customers", FigureKind.COUNT, True),
    ("tips", "Tips", FigureKind.MONEY, True),
    ("promo_discounts", "Promo discounts", FigureKind.MONEY, True),
    ("loyalty_discounts", "Loyalty discounts", FigureKind.MONEY, True),
)


def headline(current: OrderFigures, previous: OrderFigures | None) -> list[Figure]:
    """The order figures as headline tiles, each with its previous-period value."""
    figures = []
    for key, label, kind, up in HEADLINE:
        before = None if previous is None else Decimal(getattr(previous, key))
        figures.append(Figure(key, label, kind, Decimal(getattr(current, key)), before, up))
    return figures
