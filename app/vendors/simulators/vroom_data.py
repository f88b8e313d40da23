"""The Vroom simulator's fixed cast: a flower-and-convenience chain, its products and customers.

Everything is derived from the seed, so two simulators with the same seed agree on every name.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

TOWNS = (
    "Main Street", "Riverside", "Old Town", "Harbor View", "Maple Heights", "Station Square",
    "Lakeside", "Elm Park", "Market Hall", "Northgate", "Southbank", "Cedar Grove",
)  # fmt: skip
BRANDS = ("Petal & Pantry", "Bloom Corner", "Fresh Stem Market")

FIRST_NAMES = (
    "Ada", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hugo", "Iris", "Jack", "Keiko",
    "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera",
    "Will", "Xena", "Yusuf", "Zoe",
)  # fmt: skip
LAST_NAMES = (
    "Alvarez", "Brooks", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova",
    "Johnson", "Kim", "Lopez", "Moreau", "Nakamura", "Okafor", "Patel", "Rossi", "Smith",
)  # fmt: skip

# upc_or_plu, title, price, container deposit, category
PRODUCTS = (
    ("4011", "Red Roses, dozen", "39.99", "0", "Flowers > Roses"),
    ("4012", "Spring Tulips, 10 stems", "18.50", "0", "Flowers > Tulips"),
    ("4013", "Sunflower Bunch", "14.99", "0", "Flowers > Seasonal"),
    ("4014", "Mixed Garden Bouquet", "29.00", "0", "Flowers > Bouquets"),
    ("4015", "White Lily Arrangement", "44.00", "0", "Flowers > Arrangements"),
    ("4016", "Orchid in Ceramic Pot", "34.95", "0", "Plants > Orchids"),
    ("4017", "Succulent Trio", "16.00", "0", "Plants > Succulents"),
    ("012000161155", "Sparkling Water 1L", "1.89", "0.05", "Grocery > Beverages > Water"),
    ("049000028911", "Cola 12-pack", "7.49", "0.60", "Grocery > Beverages > Soda"),
    ("041220576463", "Dark Chocolate Bar", "3.29", "0", "Grocery > Candy"),
    ("070462098358", "Gummy Bears 5oz", "2.49", "0", "Grocery > Candy"),
    ("078742370828", "Greeting Card, Birthday", "4.99", "0", "Gifts > Cards"),
    ("078742370835", "Greeting Card, Sympathy", "4.99", "0", "Gifts > Cards"),
    ("085239810059", "Scented Candle", "12.99", "0", "Gifts > Home"),
    ("4018", "Helium Balloon", "5.99", "0", "Gifts > Balloons"),
    ("4019", "Glass Vase, medium", "9.99", "0", "Gifts > Vases"),
)

SEARCH_TERMS = (
    "roses", "tulips", "peonies", "birthday", "vase", "orchid", "lilies", "sympathy",
    "chocolate", "balloon", "ranunculus", "eucalyptus", "candle", "gift card", "hydrangea",
)  # fmt: skip


@dataclass(frozen=True)
class SimStore:
    site_id: str
    name: str


@dataclass(frozen=True)
class SimProduct:
    upc_or_plu: str
    title: str
    price: Decimal
    deposit: Decimal
    category: str
    merchandise_code: str

    @property
    def image_url(self) -> str | None:
        # Only flowers have photos: §A3.9 says the image is there "if available".
        if not self.category.startswith(("Flowers", "Plants")):
            return None
        return f"https://images.example.com/products/{self.upc_or_plu}.jpg"


@dataclass(frozen=True)
class SimCustomer:
    index: int
    name: str
    email: str
    phone: str
    home_site: str
    created_days_ago: int
    unsubscribed: bool


def make_stores(count: int, seed: int) -> list[SimStore]:
    """``count`` stores with site ids 1001, 1002, …; names stay readable at 200 stores."""
    rng = random.Random(f"vroom-stores:{seed}")
    stores = []
    for i in range(count):
        brand = BRANDS[(i // len(TOWNS)) % len(BRANDS)] if count > len(TOWNS) else BRANDS[0]
        town = TOWNS[i % len(TOWNS)]
        suffix = f" {i // (len(TOWNS) * len(BRANDS)) + 1}" if i >= len(TOWNS) * len(BRANDS) else ""
        stores.append(SimStore(str(1001 + i), f"{brand} {town}{suffix}"))
    rng.shuffle(stores)  # the order the API lists them in is not sorted
    return sorted(stores, key=lambda s: int(s.site_id))


def make_products() -> list[SimProduct]:
    return [
        SimProduct(upc, title, Decimal(price), Decimal(dep), cat, f"MC{100 + i}")
        for i, (upc, title, price, dep, cat) in enumerate(PRODUCTS)
    ]


def make_customers(count: int, stores: list[SimStore], seed: int) -> list[SimCustomer]:
    """A pool of customers; a few share a phone, whose later contact reports it blank (§A3.1)."""
    rng = random.Random(f"vroom-customers:{seed}")
    customers: list[SimCustomer] = []
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        phone = f"{rng.randint(201, 989)}555{rng.randint(0, 9999):04d}"
        if i % 17 == 16:
            phone = customers[i - 1].phone  # same household, second email
        customers.append(
            SimCustomer(
                index=i,
                name=f"{first} {last}",
                email=f"{first.lower()}.{last.lower()}{i}@example.com",
                phone=phone,
                home_site=rng.choice(stores).site_id,
                created_days_ago=rng.randint(1, 400),
                unsubscribed=rng.random() < 0.08,
            )
        )
    return customers
