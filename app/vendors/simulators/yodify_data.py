"""The Yodify simulator's florist-supply wholesale catalog, trade accounts and price tiers.

Everything is generated from the seed; 10,000 SKUs take a few tens of milliseconds because wire
dicts are only built for the page being served.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

CENT = Decimal("0.01")

BRANDS = (
    "Andes Bloom Farms",
    "Green Valley Growers",
    "Dutch Stem Collective",
    "Pacific Greens",
    "Ribbon & Reed",
    "Vessel Glassworks",
    "Stemline Tools",
    "Sunrise Tropicals",
)
FLOWERS: tuple[tuple[str, tuple[int, ...], Decimal], ...] = (
    ("Rose", (0, 2), Decimal("0.85")),
    ("Spray Rose", (0, 2), Decimal("0.95")),
    ("Tulip", (2,), Decimal("0.70")),
    ("Lily", (1, 2), Decimal("1.60")),
    ("Carnation", (0, 1), Decimal("0.45")),
    ("Chrysanthemum", (1,), Decimal("0.55")),
    ("Alstroemeria", (0, 1), Decimal("0.60")),
    ("Gerbera", (1, 7), Decimal("0.75")),
    ("Hydrangea", (1,), Decimal("2.40")),
    ("Peony", (2,), Decimal("2.90")),
    ("Orchid", (7,), Decimal("3.80")),
    ("Lisianthus", (0, 2), Decimal("1.10")),
    ("Eucalyptus", (3,), Decimal("0.50")),
    ("Ruscus", (3,), Decimal("0.35")),
    ("Anthurium", (7,), Decimal("2.20")),
)
COLOURS = ("Red", "White", "Pink", "Yellow", "Peach", "Lavender", "Burgundy", "Cream", "Orange")
LENGTHS = ("40cm", "50cm", "60cm", "70cm")
PACKS = (("Bunch of 10", 10), ("Bunch of 25", 25), ("Box of 100", 100), ("Box of 250", 250))
HARD_GOODS: tuple[tuple[str, tuple[int, ...], Decimal, tuple[str, ...]], ...] = (
    ("Glass Cylinder Vase", (5,), Decimal("3.20"), ("10cm", "15cm", "20cm", "30cm")),
    ("Satin Ribbon", (4,), Decimal("2.10"), ("10mm", "25mm", "40mm")),
    ("Floral Foam Brick", (6,), Decimal("1.15"), ("Standard", "Dry", "Wet Premium")),
    ("Floral Wire", (6,), Decimal("0.90"), ("22 gauge", "24 gauge", "26 gauge")),
    ("Kraft Wrap Roll", (4,), Decimal("6.50"), ("50cm", "75cm")),
    ("Woven Basket", (5,), Decimal("7.40"), ("Small", "Medium", "Large")),
)
CARRIERS = (
    (8, "DHLExpress", "DHL Express"),  # the document's own example carrier (§4.2)
    (11, "FedEx", "FedEx"),
    (12, "UPS", "UPS"),
    (13, "USPS", "USPS"),
    (14, "CanadaPost", "Canada Post"),
)
LEVELS = (
    (14, "Retail Florist", "Walk-in and small shop accounts.", Decimal(5)),
    (15, "Event Designer", "Weddings and events, larger volumes.", Decimal(10)),
    (16, "Wholesale Partner", "Resellers buying by the box.", Decimal(15)),
)
SHOPS = (
    "Bloom & Bough",
    "Petal Pushers",
    "The Stem Room",
    "Wildflower Studio",
    "Fern & Foxglove",
    "Posy Lane",
    "Garden Gate Florals",
    "Blossom Bar",
    "Lily & Lark",
    "Thorn & Thistle",
    "Marigold Events",
    "Juniper Floral Co",
)
CITIES = (
    ("Albany", "NY", "US", "12207"),
    ("Austin", "TX", "US", "78701"),
    ("Portland", "OR", "US", "97205"),
    ("Toronto", "ON", "CA", "M5V 2T6"),
    ("Denver", "CO", "US", "80202"),
    ("Vancouver", "BC", "CA", "V6B 1A1"),
)


@dataclass
class SimSku:
    id: int
    product_id: int
    brand_id: int
    sku: str
    name: str
    list_price: Decimal
    inventory: Decimal
    unit: str
    created_on: datetime
    modified_on: datetime
    sale_price: Decimal | None = None
    is_on_sale: bool = False
    sale_start: datetime | None = None
    sale_end: datetime | None = None
    price_discounts: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SimProduct:
    id: int
    name: str
    short_name: str
    brand_id: int
    created_on: datetime


@dataclass
class SimAccount:
    id: int
    name: str
    number: str
    email: str
    level_id: int
    currency: str
    city: tuple[str, str, str, str]
    terms: str
    created_on: datetime


@dataclass
class Catalog:
    brands: dict[int, str]
    products: dict[int, SimProduct]
    skus: dict[int, SimSku]
    accounts: dict[int, SimAccount]


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT)


def build_catalog(seed: int, sku_count: int, start: datetime) -> Catalog:
    """Brands, products and about ``sku_count`` SKUs; ids ascend with creation time."""
    rng = random.Random(seed)
    brands = {92590 + i: name for i, name in enumerate(BRANDS)}
    brand_ids = list(brands)
    products: dict[int, SimProduct] = {}
    skus: dict[int, SimSku] = {}
    created = start - timedelta(days=400)
    step = timedelta(days=390) / max(1, sku_count)
    product_id, sku_id = 4245, 99089
    while len(skus) < sku_count:
        name, brand_index, base, variants = _product_plan(rng, product_id)
        brand_id = brand_ids[brand_index]
        products[product_id] = SimProduct(product_id, name, name[:24], brand_id, created)
        for variant, factor in variants:
            if len(skus) >= sku_count:
                break
            price = _money(base * factor * Decimal(rng.randint(90, 115)) / 100)
            stock = Decimal(rng.randint(0, 400))
            if rng.random() < 0.1:
                stock += Decimal("0.5")  # §5.8: fractional stock exists (half boxes)
            code = f"{name[:3].upper()}-{product_id % 10000:04d}-{len(skus) % 1000:03d}"
            skus[sku_id] = SimSku(
                sku_id,
                product_id,
                brand_id,
                code,
                f"{name} {variant}",
                price,
                stock,
                "EACH" if factor == 1 else "BOX",
                created,
                created,
            )
            sku_id += 1
            created += step
        product_id += 1
    return Catalog(brands, products, skus, _accounts(rng, start))


def _product_plan(
    rng: random.Random, product_id: int
) -> tuple[str, int, Decimal, list[tuple[str, Decimal]]]:
    if product_id % 7 == 0:
        name, brands, base, sizes = HARD_GOODS[rng.randrange(len(HARD_GOODS))]
        return name, rng.choice(brands), base, [(size, Decimal(1)) for size in sizes]
    flower, brands, base = FLOWERS[rng.randrange(len(FLOWERS))]
    colour = COLOURS[rng.randrange(len(COLOURS))]
    length = LENGTHS[rng.randrange(len(LENGTHS))]
    name = f"{flower} {colour} {length}"
    return name, rng.choice(brands), base, [(label, Decimal(n)) for label, n in PACKS]


def _accounts(rng: random.Random, start: datetime) -> dict[int, SimAccount]:
    accounts: dict[int, SimAccount] = {}
    for index, shop in enumerate(SHOPS):
        city = CITIES[index % len(CITIES)]
        level_id = LEVELS[index % len(LEVELS)][0]
        # §5.6: the enum says NET30, the examples say Net30; the simulator sends both.
        terms = ("Net30", "NET30", "CreditCard", "NET60")[index % 4]
        slug = "".join(ch for ch in shop.lower() if ch.isalnum())
        accounts[12 + index] = SimAccount(
            12 + index,
            shop,
            f"TA-{1001 + index}",
            f"orders@{slug}.example",
            level_id,
            "CAD" if city[2] == "CA" else "USD",
            city,
            terms,
            start - timedelta(days=300 - index * 7),
        )
    return accounts


def brand_wire(brand_id: int, name: str) -> dict[str, Any]:
    return {
        "client_identifier": "",
        "name": name,
        "alias": name.split()[0],
        "id": brand_id,
        "object": "brand",
        "created_on": "2020-12-01T08:00:00.000Z",
    }


def carrier_wire(carrier: tuple[int, str, str]) -> dict[str, Any]:
    return {"id": carrier[0], "object": "carrier", "slug": carrier[1], "name": carrier[2]}


def level_discount(level_id: int) -> Decimal:
    return next((pct for lid, _, _, pct in LEVELS if lid == level_id), Decimal(0))
