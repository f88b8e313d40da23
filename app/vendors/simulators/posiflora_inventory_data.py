"""Stock items, per-store prices and costs, categories and bouquets for the Posiflora simulator."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from app.vendors.simulators.posiflora_data import SimStore, make_uuid
from app.vendors.simulators.posiflora_views import ref, stamp

CATEGORIES = (
    ("Roses", ("Flowers",), ("Rose", "Garden rose", "Spray rose")),
    ("Tulips", ("Flowers",), ("Tulip", "Parrot tulip")),
    ("Greenery", (), ("Eucalyptus", "Ruscus", "Pistachio leaf", "Salal")),
    ("Seasonal", ("Flowers",), ("Peony", "Ranunculus", "Anemone", "Sunflower", "Lisianthus")),
    ("Wrapping", ("Supplies",), ("Kraft paper", "Ribbon", "Cellophane")),
    ("Vases", ("Supplies",), ("Glass vase", "Ceramic pot")),
)
COLOURS = ("red", "white", "pink", "peach", "yellow", "lilac", "cream", "coral")
BOUQUET_NAMES = ("Spring mix", "Pastel dream", "Red romance", "Garden charm", "Sunny day")


@dataclass(slots=True)
class SimCategory:
    id: str
    title: str
    path: tuple[str, ...]


@dataclass(slots=True)
class SimPrice:
    price: Decimal
    cost: Decimal | None
    quantity: Decimal
    status: str = "on"
    set_at: datetime | None = None


@dataclass(slots=True)
class SimItem:
    id: str
    title: str
    category_id: str
    barcode: str
    updated_at: datetime
    prices: dict[str, SimPrice] = field(default_factory=dict)  # by store id


@dataclass(slots=True)
class SimBouquet:
    id: str
    doc_no: str
    title: str
    store_id: str
    amount: Decimal
    sale_amount: Decimal
    on_window_at: datetime
    updated_at: datetime
    discount: Decimal = Decimal(0)
    revision: int = 1


def build_categories(rng: random.Random) -> list[SimCategory]:
    return [SimCategory(make_uuid(rng), title, path) for title, path, _ in CATEGORIES]


def build_items(
    rng: random.Random, count: int, now: datetime, cats: list[SimCategory], stores: list[SimStore]
) -> dict[str, SimItem]:
    """``count`` items priced at every store; about one in eight sells under a 30% margin."""
    items: dict[str, SimItem] = {}
    for index in range(count):
        slot = index % len(CATEGORIES)
        names = CATEGORIES[slot][2]
        title = f"{names[rng.randrange(len(names))]} {COLOURS[rng.randrange(len(COLOURS))]}"
        item = SimItem(
            make_uuid(rng),
            f"{title} #{index + 1}",
            cats[slot].id,
            f"460{index:010d}",
            now - timedelta(days=rng.randrange(1, 90)),
        )
        base = Decimal(rng.randrange(2, 60))
        for store in stores:
            ratio = Decimal(rng.randrange(25, 95 if rng.random() < 0.12 else 70)) / 100
            price = base + rng.randrange(0, 3)
            cost = (price * ratio).quantize(Decimal("0.01"))
            stock = Decimal(rng.randrange(0, 300))
            item.prices[store.id] = SimPrice(price, cost, stock, set_at=item.updated_at)
        items[item.id] = item
    return items


def build_bouquets(
    rng: random.Random, count: int, now: datetime, stores: list[SimStore]
) -> dict[str, SimBouquet]:
    found: dict[str, SimBouquet] = {}
    for index in range(count):
        amount = Decimal(rng.randrange(300, 2500)) / 10
        markup = Decimal(rng.randrange(110, 260)) / 100
        sale = (amount * markup).quantize(Decimal("0.1"))
        placed = now - timedelta(hours=rng.randrange(1, 96))
        bouquet = SimBouquet(
            make_uuid(rng),
            f"{91001 + index}",
            f"{BOUQUET_NAMES[index % len(BOUQUET_NAMES)]} {index + 1}",
            stores[index % len(stores)].id,
            amount,
            sale,
            placed,
            placed,
        )
        found[bouquet.id] = bouquet
    return found


def category_resource(c: SimCategory) -> dict[str, Any]:
    return {
        "type": "categories",
        "id": c.id,
        "attributes": {
            "title": c.title,
            "status": "on",
            "path": list(c.path),
            "pathIds": [],
            "color": "388e3c",
            "countPublicItems": 0,
            "deleted": False,
            "revision": 0,
        },
        "relationships": {"parent": {"data": None}, "image": {"data": None}},
        "links": {"self": f"/categories/{c.id}"},
    }


def item_resource(item: SimItem, store_id: str | None) -> dict[str, Any]:
    """§5.3: priceMin/priceMax are numbers; with ``filter[store]`` they describe that store."""
    prices = [p.price for sid, p in item.prices.items() if store_id in (None, sid)]
    return {
        "type": "inventory-items",
        "id": item.id,
        "attributes": {
            "title": item.title,
            "description": "",
            "itemType": "item",
            "globalId": None,
            "updatedAt": stamp(item.updated_at),
            "added": None,
            "public": True,
            "fractional": False,
            "priceMin": min(prices, default=0),
            "priceMax": max(prices, default=0),
        },
        "relationships": {
            "category": ref("categories", item.category_id),
            "barcodes": {"data": [{"type": "inventory-barcodes", "id": f"bc-{item.id}"}]},
        },
    }


def barcode_resource(item: SimItem) -> dict[str, Any]:
    return {
        "type": "inventory-barcodes",
        "id": f"bc-{item.id}",
        "attributes": {"barcode": item.barcode, "barcodeType": "ean13", "spawn": False},
    }


def price_resource(item_id: str, store_id: str, p: SimPrice) -> dict[str, Any]:
    return {
        "type": "prices",
        "id": f"{item_id}-{store_id}",
        "attributes": {
            "price": p.price,
            "cost": p.cost,
            "quantity": p.quantity,
            "status": p.status,
            "setAt": stamp(p.set_at),
        },
        "relationships": {"store": {"data": {"type": "stores", "id": store_id}}},
    }


def bouquet_resource(b: SimBouquet) -> dict[str, Any]:
    """Shaped like the list example in §5.6 (not like the category-copy schema)."""
    true_sale = b.sale_amount - b.discount
    return {
        "type": "bouquets",
        "id": b.id,
        "attributes": {
            "docNo": b.doc_no,
            "title": b.title,
            "height": 0,
            "width": 0,
            "description": "",
            "amount": b.amount,
            "saleAmount": b.sale_amount,
            "trueSaleAmount": true_sale,
            "status": "demonstrated",
            "onWindowAt": stamp(b.on_window_at),
            "createdAt": stamp(b.on_window_at),
            "updatedAt": stamp(b.updated_at),
            "completedAt": None,
            "public": False,
            "discount": b.discount,
            "discountType": "absolute",
            "markup": 0,
            "markupType": "absolute",
            "revision": b.revision,
        },
        "relationships": {
            "store": ref("stores", b.store_id),
            "createdBy": ref("users", "e9d0db12-b2cf-40c7-b18d-468d04e9df66"),
            "updatedBy": ref("users", "e9d0db12-b2cf-40c7-b18d-468d04e9df66"),
            "logo": {"data": None},
            "specWithVar": {"data": None},
        },
        "links": {"self": f"/bouquets/{b.id}"},
    }
