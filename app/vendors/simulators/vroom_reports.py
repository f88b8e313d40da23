"""The Vroom simulator's reports, derived from its order stream (§A3.1, §A3.3-4, §A3.8-9)."""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from app.vendors.simulators.vroom_data import SEARCH_TERMS, SimCustomer, SimProduct, SimStore
from app.vendors.simulators.vroom_orders import SimOrder
from app.vendors.simulators.vroom_wire import order_money, stamp


def transactions(orders: list[SimOrder], now: datetime) -> list[dict[str, Any]]:
    """A card payment and a fee per order, and a refund when canceled (§A3.8)."""
    rows: list[dict[str, Any]] = []
    for order in orders:
        canceled = order.reached(order.canceled_at, now) is not None
        money = order_money(order, canceled)
        day = order.placed_at.date()
        base = {
            "site_id": order.site_id,
            "source": order.order_id,
            "payout_id": f"PO-{order.site_id}-{day:%Y%m%d}",
        }
        rows.append(_txn(base, "Card", money["total"], order.placed_at, now, "Online payment"))
        rows.append(
            _txn(base, "Fee", -money["processing_fee"], order.placed_at, now, "Processing fee")
        )
        if canceled and order.canceled_at is not None:
            rows.append(
                _txn(
                    base,
                    "Refund",
                    -money["total"],
                    order.canceled_at,
                    now,
                    order.cancel_reason or "Canceled",
                )
            )
    return rows


def _txn(
    base: dict[str, Any], kind: str, amount: Decimal, at: datetime, now: datetime, details: str
) -> dict[str, Any]:
    deposit = (at + timedelta(days=2)).date()
    age = now - at
    status = (
        "paid"
        if age > timedelta(days=3)
        else "in_transit"
        if age > timedelta(days=1)
        else ("pending")
    )
    return {
        **base,
        "amount": amount,
        "transaction_id": f"T{base['source']}{kind[0]}",
        "type": kind,
        "time": stamp(at),
        "deposit_status": status,
        "estimated_deposit": f"{deposit:%m/%d/%Y}",  # §A3.8: MM/DD/YYYY, not ISO
        "additional_details": details,
    }


def sales_by_product(orders: list[SimOrder], now: datetime) -> list[dict[str, Any]]:
    """Sales per product over the orders, sorted by sales, highest first (§A3.9)."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    units: dict[str, int] = defaultdict(int)
    products: dict[str, SimProduct] = {}
    for order in orders:
        if order.reached(order.canceled_at, now):
            continue
        for line in order.lines:
            key = line.product.upc_or_plu
            products[key] = line.product
            totals[key] += line.product.price * line.final_quantity
            units[key] += line.final_quantity
    ranked = sorted(products, key=lambda k: totals[k], reverse=True)
    return [
        {
            "upc_or_plu": k,
            "title": products[k].title,
            "total_sales": totals[k],
            "units_sold": units[k],
            "category": products[k].category,
            "image_url": products[k].image_url,
        }
        for k in ranked
    ]


def customer_contacts(
    customers: list[SimCustomer],
    recent: list[SimOrder],
    now: datetime,
    window: tuple[datetime, datetime],
    site_ids: set[str] | None,
) -> list[dict[str, Any]]:
    """Customers whose first order falls in ``window``; stores limited to ``site_ids`` (§A3.1)."""
    last: dict[int, SimOrder] = {}
    sites: dict[int, set[str]] = defaultdict(set)
    for order in recent:
        last[order.customer.index] = order
        sites[order.customer.index].add(order.site_id)
    seen_phones: set[str] = set()
    rows = []
    for c in customers:
        created = now - timedelta(days=c.created_days_ago)
        phone = "" if c.phone in seen_phones else c.phone  # §A3.1: reported only once
        seen_phones.add(c.phone)
        stores = sites[c.index] | {c.home_site}
        if site_ids is not None:
            stores &= site_ids
        if not window[0] <= created <= window[1] or not stores:
            continue
        latest = last.get(c.index)
        rows.append(
            {
                "name": c.name,
                "email": c.email,
                "phone": phone,
                "created_at": stamp(created),
                "last_order_id": latest.order_id if latest else None,
                "last_order_time": stamp(latest.placed_at) if latest else None,
                "unsubscribed": c.unsubscribed,
                "site_ids": sorted(stores),
            }
        )
    return rows


def search_terms(
    stores: list[SimStore], seed: int, start: datetime, end: datetime
) -> list[dict[str, Any]]:
    """A few searches per store and hour; about one in five finds nothing (§A3.3)."""
    rows = []
    hour = start.replace(minute=0, second=0, microsecond=0)
    while hour <= end:
        for store in stores:
            rng = random.Random(f"vroom-search:{seed}:{store.site_id}:{hour.isoformat()}")
            for _ in range(rng.randint(0, 2)):
                at = hour + timedelta(seconds=rng.randint(0, 3599))
                if start <= at <= end:
                    rows.append(_search(rng, store, at))
        hour += timedelta(hours=1)
    return sorted(rows, key=lambda r: r["created_at"])


def _search(rng: random.Random, store: SimStore, at: datetime) -> dict[str, Any]:
    term = rng.choice(SEARCH_TERMS)
    results = 0 if rng.random() < 0.2 else rng.randint(1, 10)
    picked = results > 0 and rng.random() < 0.6
    ip = hashlib.sha256(f"10.0.{rng.randint(0, 40)}".encode()).hexdigest()[:16]
    return {
        "site_id": store.site_id,
        "created_at": stamp(at),
        "ip_hash": ip,
        "term": term,
        "num_search_results": results,
        "selected_product_upc_or_plu": f"40{rng.randint(11, 19)}" if picked else None,
        "selected_product_title": term.title() if picked else None,
        "selection_position": rng.randint(0, results - 1) if picked else None,
    }


def audit_logs(orders: list[SimOrder], now: datetime) -> list[dict[str, Any]]:
    """Automated order alerts and store actions, oldest first (§A3.4)."""
    rows = []
    for order in orders:
        if order.confirmed_at is None or order.confirmed_at - order.placed_at > timedelta(
            minutes=15
        ):
            at = order.placed_at + timedelta(minutes=15)
            if at <= now and (order.canceled_at is None or order.canceled_at > at):
                rows.append(
                    _audit(
                        order.site_id,
                        at,
                        "Order Unconfirmed After 15 Minutes",
                        f"Order {order.order_id}",
                        "Automated",
                    )
                )
        if order.canceled_at is not None and order.canceled_at <= now:
            rows.append(
                _audit(
                    order.site_id,
                    order.canceled_at,
                    "Order Canceled",
                    f"Order {order.order_id}: {order.cancel_reason}",
                    f"manager.{order.site_id}@example.com",
                )
            )
    return sorted(rows, key=lambda r: r["created_at"])


def _audit(site: str, at: datetime, action: str, details: str, user: str) -> dict[str, Any]:
    return {
        "site_id": site,
        "created_at": stamp(at),
        "action": action,
        "additional_details": details,
        "user": user,
    }
