"""Posiflora simulator: the shop's past weeks — closed orders and the bonus points they moved.

The daily review compares yesterday with the day before from store stats over a custom range
(posiflora.md §4.4, §5.7), so the demo shop needs a believable past: every day back to
``PAST_DAYS`` has its own number of orders (busier at the end of the week), mostly done, some
canceled, a few returned the same day. A closed order moves its customer's points by the digest's
fake-server rules (§6.5): some are partly paid with points (never more than the group's ``limit``
percent, nor the balance), then it earns the group's ``bonusRate`` percent of the part paid in
money. Everything comes from the seed and sits relative to the simulator's clock (days in UTC);
each calendar day's orders come from the seed and that date, so a day keeps its orders whichever
day the demo is started on (the review caches a finished day's figures).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from decimal import Decimal

from app.domain.bonuses import BonusGroup, BonusRules, quote_purchase
from app.vendors.simulators.posiflora_data import (
    SimCustomer,
    SimHistoryLine,
    SimOrder,
    SimStore,
    make_uuid,
)

PAST_DAYS = 62  # a month's review needs the month before it too
WEEKDAY_ORDERS = (10, 11, 12, 13, 17, 20, 14)  # Monday first: Friday and Saturday are busiest
OPENS, CLOSES = 8 * 60, 19 * 60  # orders are taken between 08:00 and 19:00
REDEEM_SHARE = 0.35  # of the orders whose customer could pay with points, how many do
GroupOf = Callable[[str | None], BonusGroup | None]


def window_start(now: datetime, days: int) -> datetime:
    """Midnight (UTC) ``days`` days before today: where the generated orders begin."""
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return today - timedelta(days=days)


def build_past_orders(
    seed: int,
    now: datetime,
    days: int,
    stores: list[SimStore],
    customers: list[SimCustomer],
) -> dict[str, SimOrder]:
    """Closed orders for each of the ``days`` days before today, oldest first."""
    orders: dict[str, SimOrder] = {}
    start = window_start(now, days)
    for back in range(days):
        day = start + timedelta(days=back)
        rng = random.Random(f"{seed}:past:{day.date().isoformat()}")
        count = max(3, WEEKDAY_ORDERS[day.weekday()] + rng.randrange(-3, 4))
        # Returns come back the same day; none yesterday, so none lands on today's board, whose
        # closed columns look back 24 hours (live_orders_posiflora.CLOSED_WINDOW).
        returns = back < days - 1
        for taken in sorted(rng.randrange(OPENS, CLOSES) for _ in range(count)):
            created = day + timedelta(minutes=taken)
            order = _past_order(rng, day, created, stores, customers, returns)
            order.doc_no = f"aaab21{1000 + len(orders):06d}"  # before today's aaab22… numbers
            orders[order.id] = order
    return orders


def _past_order(
    rng: random.Random,
    day: datetime,
    created: datetime,
    stores: list[SimStore],
    customers: list[SimCustomer],
    returns: bool,
) -> SimOrder:
    delivery = rng.random() < 0.4
    due = created + timedelta(minutes=rng.randrange(120, 300)) if delivery else None
    customer = customers[rng.randrange(len(customers))] if customers else None
    if rng.random() < 0.25 or (customer and customer.created_at >= created):
        customer = None  # a walk-in: no card shown
    roll = rng.random()
    status = "canceled" if roll < 0.08 else "returned" if roll < 0.12 and returns else "done"
    order = SimOrder(
        id=make_uuid(rng),
        doc_no="",
        status=status,
        store_id=stores[rng.randrange(len(stores))].id,
        customer_id=customer.id if customer else None,
        total_amount=Decimal(rng.randrange(15, 250) * 10),
        created_at=created,
        due_time=due,
        delivery=delivery,
        delivery_city="Albany" if delivery else "",
        delivery_street=f"{rng.randrange(1, 200)} Maple Ave" if delivery else "",
    )
    last_minute = day + timedelta(hours=23, minutes=59)
    if status == "canceled":
        order.updated_at = created + timedelta(minutes=rng.randrange(5, 90))
        return order
    ready = due if due is not None else created + timedelta(minutes=15)
    order.posted_at = min(ready + timedelta(minutes=rng.randrange(0, 60)), last_minute)
    order.payments_amount, order.updated_at = order.total_amount, order.posted_at
    order.delivery_status = "delivered" if delivery else None
    if status == "returned":
        back = order.posted_at + timedelta(minutes=rng.randrange(30, 240))
        order.updated_at = min(back, last_minute)
    return order


def settle_bonuses(
    seed: int,
    orders: Iterable[SimOrder],
    customers: dict[str, SimCustomer],
    group_of: GroupOf,
    rules: BonusRules,
) -> dict[str, list[SimHistoryLine]]:
    """Pay some orders partly with points and let every closed order earn; oldest first.

    Balances start from the customers' own and end moved by these orders; the lines returned
    (by customer) are those movements, dated when each order was closed. Line ids are set when
    the history is put together (``PosifloraSimulator.history``).
    """
    lines: dict[str, list[SimHistoryLine]] = {}
    closed = [o for o in orders if o.posted_at is not None and o.customer_id in customers]
    for order in sorted(closed, key=lambda o: (o.posted_at, o.id)):
        customer = customers[order.customer_id or ""]
        customer.orders_qty += 1
        customer.orders_amount += order.total_amount
        group = group_of(customer.id)
        at = order.posted_at
        assert at is not None
        if group is None or not group.is_active(at):
            continue
        quote = quote_purchase(order.total_amount, group, customer.current_points, rules, at=at)
        own = lines.setdefault(customer.id, [])
        rng = random.Random(f"{seed}:{order.id}:points")
        if quote.max_redeemable_points > 0 and rng.random() < REDEEM_SHARE:
            most = quote.max_redeemable_points
            points = rng.randrange(max(1, most // 2), most + 1)
            order.bonus_paid = points
            customer.current_points -= points
            customer.spent_points += points
            own.append(SimHistoryLine("", -points, False, at, order.id))
        paid_in_points = order.bonus_paid * rules.point_value
        base = order.total_amount if rules.points_paid_earn else order.total_amount - paid_in_points
        earned = rules.points_for(base, group.bonus_rate)
        if earned:
            customer.current_points += earned
            own.append(SimHistoryLine("", earned, False, at, order.id))
    return {k: v for k, v in lines.items() if v}


def history_for(
    seed: int,
    customer: SimCustomer,
    until: datetime,
    *,
    balance: int | None = None,
    spent: int | None = None,
) -> list[SimHistoryLine]:
    """Older history ending by ``until``: its earnings minus its spending equal ``balance``.

    ``balance``/``spent`` default to the customer's; the simulator passes what they were before
    the movements of its recent orders (``posiflora_past``), which follow these lines.
    """
    rng = random.Random(f"{seed}:{customer.id}")
    lines: list[SimHistoryLine] = []
    balance = customer.current_points if balance is None else balance
    spent = customer.spent_points if spent is None else spent
    moment = customer.created_at
    parts = _split(rng, balance + spent, 4) + [-p for p in _split(rng, spent, 3)]
    for amount in parts:
        moment = min(moment + timedelta(days=rng.randrange(1, 60)), until)
        admin = rng.random() < 0.15
        order_id = None if admin else make_uuid(rng)
        ident = f"{customer.id[:8]}-{len(lines) + 1}"
        lines.append(SimHistoryLine(ident, amount, admin, moment, order_id))
    return lines


def _split(rng: random.Random, total: int, most: int) -> list[int]:
    if total <= 0:
        return []
    pieces = rng.randrange(1, most + 1)
    cuts = sorted(rng.randrange(1, total) for _ in range(pieces - 1)) if total > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(bounds) if b > a]
