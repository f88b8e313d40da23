"""The review's arithmetic: Decimal figures, refunds and adjustments, cancellations, changes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from app.domain.daily_review import RangePreset, ReviewPeriod, change, preset_period
from app.domain.orders import Order, OrderDiscounts, OrderStatus, OrderTimes, OrderTotals
from app.domain.review import ReviewDay, assemble
from app.domain.review_breakdowns import by_hour, cancellations_by_reason
from app.domain.review_figures import headline, order_figures

D = Decimal
AT = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


def order(
    oid: str,
    total: str,
    *,
    remit: str,
    canceled: bool = False,
    refund: str = "0",
    upcharge: str = "0",
    tip: str = "0",
    tip_refund: str = "0",
    promo: str | None = None,
    store: str = "1001",
    new: bool = False,
    reason: str | None = None,
) -> Order:
    return Order(
        id=oid,
        vendor="vroom",
        store_id=store,
        status=OrderStatus.CANCELED if canceled else OrderStatus.COMPLETED,
        times=OrderTimes(placed_at=AT),
        totals=OrderTotals(
            total=D(total),
            refund_amount=D(refund),
            upcharge_amount=D(upcharge),
            tip=D(tip),
            tip_refund=D(tip_refund),
            net_remit=D(remit),
        ),
        discounts=OrderDiscounts(promotion_code_final_discount=D(promo) if promo else None),
        canceled=canceled,
        cancelation_reason=reason,
        is_new_customer=new,
    )


def sample() -> list[Order]:
    return [
        order("a", "10.10", remit="9.20", tip="1.10", promo="0.10", new=True),
        # a short pick refunded in store, and an upcharge on another line
        order("b", "20.20", remit="16.00", refund="3.30", upcharge="0.10", tip="2.00"),
        # canceled and refunded: its fee was kept, so it still moved money (-0.60)
        order(
            "c",
            "30.30",
            remit="-0.60",
            canceled=True,
            tip="3.00",
            tip_refund="3.00",
            promo="5.00",
            new=True,
            reason="Item out of stock",
        ),
    ]


def test_sales_figures_leave_canceled_orders_out_money_figures_keep_them() -> None:
    f = order_figures(sample())
    assert f.orders == 2
    assert f.gross_sales == D("30.30")  # exact: 10.10 + 20.20 in Decimal, not 30.299999…
    assert f.adjustments == D("3.20")  # 3.30 refunded less 0.10 upcharged
    assert f.net_sales == D("27.10")
    assert f.net_remit == D("24.60")  # 9.20 + 16.00 - 0.60 kept fee of the cancellation
    assert f.tips == D("3.10")  # the canceled tip was refunded: nets to zero
    assert f.promo_discounts == D("0.10")  # the canceled order's promo was never given
    assert f.cancellations == 1 and f.canceled_value == D("30.30")
    assert f.new_customers == 1
    assert f.average_order == D("15.15")
    assert all(isinstance(v, Decimal) for v in (f.gross_sales, f.net_remit, f.average_order))


def test_average_order_rounds_half_up_to_the_cent_and_is_zero_without_orders() -> None:
    three = [order(str(i), "10.00", remit="9") for i in range(2)] + [order("x", "0.01", remit="0")]
    assert order_figures(three).average_order == D("6.67")
    assert order_figures([]).average_order == D("0")


def test_change_against_an_empty_previous_period_has_no_percentage() -> None:
    c = change(D("120"), D("0"))
    assert c.previous_empty and c.percent is None and c.text() == "new"
    assert change(D("0"), None).text() == "no change"
    assert change(D("150"), D("120")).text() == "+25.0%"
    assert change(D("90"), D("120")).text() == "−25.0%"


def test_headline_compares_each_figure_with_the_previous_period() -> None:
    before = order_figures([order("p", "60.60", remit="50")])
    tiles = {f.key: f for f in headline(order_figures(sample()), before)}
    assert tiles["gross_sales"].change is not None
    assert tiles["gross_sales"].change.percent == D("-50.0")
    assert tiles["cancellations"].higher_is_better is False
    empty = {f.key: f for f in headline(order_figures(sample()), order_figures([]))}
    assert empty["orders"].change is not None and empty["orders"].change.previous_empty


def test_presets_are_whole_local_days_and_previous_is_the_same_length_before() -> None:
    now = datetime(2026, 11, 22, 1, 30, tzinfo=UTC)
    yesterday = preset_period(RangePreset.YESTERDAY, now, UTC)
    assert (yesterday.first, yesterday.last) == (date(2026, 11, 21), date(2026, 11, 21))
    week = preset_period(RangePreset.LAST_7_DAYS, now, UTC)
    assert week.day_count == 7 and week.last == date(2026, 11, 21)
    assert week.previous().last == date(2026, 11, 14) and week.previous().day_count == 7
    assert preset_period(RangePreset.TODAY, now, UTC).first == date(2026, 11, 22)


def test_store_filter_and_cancellations_by_reason() -> None:
    period = ReviewPeriod(date(2026, 11, 21), date(2026, 11, 21), UTC)
    other = order("z", "99.00", remit="90", store="1002")
    day = ReviewDay(date(2026, 11, 21), AT, tuple([*sample(), other]))
    review = assemble(period, [day], None, {"1002"})
    assert review.figures.orders == 1 and review.figures.gross_sales == D("99.00")
    assert review.previous_figures is None
    reasons = cancellations_by_reason(sample())
    assert [(r.reason, r.count) for r in reasons] == [("Item out of stock", 1)]
    hours = by_hour(sample(), UTC)
    assert len(hours) == 24 and hours[9].orders == 2 and hours[9].sales == D("30.30")
