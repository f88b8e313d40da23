"""A flower shop's Posiflora data, generated from a seed: fast enough for 50,000 customers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

FIRST = (
    "Ada",
    "Bob",
    "Clara",
    "Dmitri",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Irina",
    "Jonas",
    "Katya",
    "Leo",
    "Maria",
    "Nikolai",
    "Olga",
    "Pavel",
    "Rosa",
    "Sofia",
    "Timur",
    "Vera",
)
LAST = (
    "Ross",
    "Petrova",
    "Lovelace",
    "Ivanov",
    "Garcia",
    "Novak",
    "Smirnova",
    "Kim",
    "Moreau",
    "Fischer",
    "Orlova",
    "Silva",
    "Volkov",
    "Brown",
    "Kuznetsova",
    "Rossi",
    "Sokolov",
    "Lee",
)
NOTES = ("", "", "", "Prefers peonies", "Allergic to lilies", "Corporate client", "Call first")


@dataclass(slots=True)
class SimGroup:
    """A bonus group (``bonus-groups``) or, with ``discount`` set, a discount group."""

    id: str
    title: str
    bonus_rate: int = 0
    limit: int = 0
    entry_amount: int = 0
    status: str = "on"
    discount: int = 0
    revision: int = 1


@dataclass(slots=True)
class SimHistoryLine:
    id: str
    amount: int
    admin: bool
    created_at: datetime
    order_id: str | None = None


@dataclass(slots=True)
class SimCustomer:
    id: str
    title: str
    phone: str
    bonus_card: str
    email: str
    current_points: int
    spent_points: int
    bonus_group_id: str | None
    orders_qty: int
    orders_amount: Decimal
    created_at: datetime
    updated_at: datetime
    notes: str = ""
    country_code: int = 1
    discount_group_ids: list[str] = field(default_factory=list)
    revision: int = 1


@dataclass(slots=True)
class SimStore:
    id: str
    title: str
    city: str
    address: str
    external_link_id: str


@dataclass(slots=True)
class SimOrder:
    id: str
    doc_no: str
    status: str
    store_id: str
    customer_id: str | None
    total_amount: Decimal
    created_at: datetime
    due_time: datetime | None
    delivery: bool
    payments_amount: Decimal = Decimal(0)
    bonus_paid: int = 0
    delivery_status: str | None = None
    delivery_city: str = ""
    delivery_street: str = ""
    updated_at: datetime | None = None
    revision: int = 1
    posted_at: datetime | None = None  # when it was closed (done): the day its sale counts


def default_groups() -> tuple[list[SimGroup], list[SimGroup]]:
    """Bonus groups shaped like the document's examples (posiflora.md §5.2), and discount groups."""
    bonus = [
        SimGroup("1", "Welcome", bonus_rate=5, limit=10, entry_amount=0),
        SimGroup("57", "Bonus-group-10-percent", bonus_rate=10, limit=10, entry_amount=200),
        SimGroup("58", "Gold", bonus_rate=20, limit=15, entry_amount=250),
        SimGroup("59", "Staff (no bonus)", bonus_rate=0, limit=0, entry_amount=0),
        SimGroup("60", "Last season", bonus_rate=10, limit=10, status="off"),
    ]
    discount = [
        SimGroup("1", "discount-2022", discount=15, entry_amount=200),
        SimGroup("2", "Wedding planners", discount=10, entry_amount=1000),
    ]
    return bonus, discount


def make_uuid(rng: random.Random) -> str:
    """A version-4 UUID string from ``rng``; formatted by hand, it is 3x faster than uuid.UUID."""
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:]}"


def build_customers(
    rng: random.Random, count: int, now: datetime, group_ids: list[str]
) -> dict[str, SimCustomer]:
    """``count`` customers with unique phones and cards; a plain loop, no per-row history."""
    customers: dict[str, SimCustomer] = {}
    weights = [4, 3, 2, 1, 1][: len(group_ids)]
    groups = rng.choices(group_ids, weights=weights, k=count)
    roll = rng.random  # randrange is 5x slower; 50,000 customers must build in well under a second
    for index in range(count):
        first, last = FIRST[int(roll() * len(FIRST))], LAST[int(roll() * len(LAST))]
        qty = int(roll() * 30)
        amount = Decimal(qty * (900 + int(roll() * 3600)))
        created = now - timedelta(days=1 + int(roll() * 1500), seconds=int(roll() * 86400))
        customer = SimCustomer(
            id=make_uuid(rng),
            title=f"{first} {last}",
            phone=f"{518 + index % 300}{5550000 + index:07d}"[-10:],
            bonus_card=f"{2000000000 + index * 7:010d}",
            email=f"{first}.{last}{index}@example.com".lower() if index % 5 else "",
            current_points=int(roll() * 3000) if qty else 0,
            spent_points=int(roll() * 1500) if qty else 0,
            bonus_group_id=groups[index],
            orders_qty=qty,
            orders_amount=amount,
            created_at=created,
            updated_at=created,
            notes=NOTES[int(roll() * len(NOTES))],
        )
        customers[customer.id] = customer
    return customers


def build_stores(rng: random.Random) -> list[SimStore]:
    return [
        SimStore(make_uuid(rng), "Main street", "Albany", "12 Garden Row", "dktjzh"),
        SimStore(make_uuid(rng), "Station kiosk", "Albany", "1 Union Station", "pzhasi"),
    ]


STATUS_MIX = ("notAccepted", "new", "new", "assembled", "courier", "done", "done", "canceled")


def build_orders(
    rng: random.Random, count: int, now: datetime, stores: list[SimStore], customer_ids: list[str]
) -> dict[str, SimOrder]:
    """Today's orders across every status, some for delivery with a time window."""
    orders: dict[str, SimOrder] = {}
    for index in range(count):
        delivery = rng.random() < 0.5
        created = now - timedelta(minutes=rng.randrange(10, 600))
        due = now + timedelta(minutes=rng.randrange(-60, 480)) if delivery else None
        order = SimOrder(
            id=make_uuid(rng),
            doc_no=f"aaab22{3000 + index:06d}",
            status=STATUS_MIX[rng.randrange(len(STATUS_MIX))],
            store_id=stores[index % len(stores)].id,
            customer_id=customer_ids[rng.randrange(len(customer_ids))] if customer_ids else None,
            total_amount=Decimal(rng.randrange(15, 250) * 10),
            created_at=created,
            due_time=due,
            delivery=delivery,
            delivery_city="Albany" if delivery else "",
            delivery_street=f"{rng.randrange(1, 200)} Maple Ave" if delivery else "",
            updated_at=created,
        )
        if order.status == "done":
            order.payments_amount, order.posted_at = order.total_amount, created
        orders[order.id] = order
    return orders
