"""The Endless Aisles simulator's catalog: a pet-supply assortment shaped like B4.5.

The first product is the document's own sample (product 32154, sizes 66541–66543) so the order
file example in CONTRACT.md works against the simulator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

NON_ENTITLED_SKU = 24999  # B4.8: a SKU the shop may not sell "always returns zero"


@dataclass
class SimSize:
    id: int
    upc: str
    description: str
    price: Decimal
    wholesale: Decimal
    map_price: Decimal
    weight: float
    stock: int
    purchasable: bool = True
    discontinued: bool = False

    def wire(self) -> dict[str, Any]:
        """A product ``sizes[]`` entry (B4.5): ``description``, msrp as a string (B9 #18)."""
        return {
            "id": self.id,
            "upc": self.upc,
            "description": self.description,
            "price": self.price,
            "wholesale": self.wholesale,
            "purchasability": self.purchasable,
            "discontinued": self.discontinued,
            "minimum_advertised_price": self.map_price,
            "wholesale_source": "endless_aisles",
            "msrp": str(self.map_price),
            "shipping_weight_lbs": self.weight,
            "phillips_item_number": str(900000 + self.id % 100000),
        }


@dataclass
class SimProduct:
    id: int
    title: str
    brand: str
    category: str
    subcategory: str
    species: str
    sizes: list[SimSize]

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "brand": self.brand,
            "description": f"{self.title} from {self.brand}.",
            "ingredients": "",
            "analysis": [{"nutrient": "Moisture", "guaranteed_units": "12% max"}],
            "image_url": f"https://image.hosting.net/images/products/{self.id}-1.jpg",
            "additional_image_urls": [],
            "metadata": {
                "species": self.species,
                "category": self.category,
                "life_stage": ["All Stages"],
                "product_group": [],
                "main_ingredient": None,
                "breed_size": ["All Breeds"],
                "special_condition": [],
                "subcategory": self.subcategory,
                "type": [],
                "country_of_origin": "UNITED STATES",
            },
            "sizes": [size.wire() for size in self.sizes],
        }


_SAMPLE = SimProduct(
    32154,
    "Phundamental Puppy Phood",
    "PHIDO",
    "Food",
    "Dry Food",
    "Dog",
    [
        SimSize(
            66543,
            "1877527745411",
            "1-lb",
            Decimal("12.99"),
            Decimal("3.57"),
            Decimal("9.99"),
            4.5,
            40,
        ),
        SimSize(
            66542,
            "1877527745422",
            "23-lb",
            Decimal("29.99"),
            Decimal("17.13"),
            Decimal("19.99"),
            13,
            12,
        ),
        SimSize(
            66541,
            "1877527745433",
            "75-lb",
            Decimal("182.99"),
            Decimal("61.85"),
            Decimal("92.99"),
            25,
            3,
        ),
    ],
)

_NAMES = [
    ("Bully Sticks Natural Chews", "Barkworthy", "Treats", "Chews", "Dog", ["6-in", "12-in"]),
    (
        "High Prairie Dry Dog Food",
        "Taste Of The Wild",
        "Food",
        "Dry Food",
        "Dog",
        ["5-lb", "14-lb"],
    ),
    ("Salmon Pate Cat Food", "Fancy Whiskers", "Food", "Wet Food", "Cat", ["3-oz", "5.5-oz"]),
    ("Orthopedic Bolster Bed", "Comfy Paws", "Beds, Crates & Gates", "Beds", "Dog", ["M", "L"]),
    ("Clumping Clay Litter", "Fresh Step", "Litter", "Clay", "Cat", ["14-lb", "25-lb"]),
    ("Rope Tug Toy", "Kong", "Toys", "Rope", "Dog", ["S", "L"]),
    ("Feather Wand Teaser", "Jackson Galaxy", "Toys", "Wands", "Cat", ["One size"]),
    (
        "Grain-Free Salmon Recipe",
        "Blue Buffalo",
        "Food",
        "Dry Food",
        "Dog & Cat",
        ["4-lb", "11-lb"],
    ),
    ("Dental Chews Mini", "Greenies", "Treats", "Dental", "Dog", ["12-ct", "27-ct"]),
    ("Stainless Steel Bowl", "Ethical Pet", "Bowls", "Bowls", "Dog & Cat", ["16-oz", "32-oz"]),
    ("Reflective Leash 6-ft", "Ruffwear", "Collars & Leashes", "Leashes", "Dog", ["One size"]),
]


def build_catalog(seed: int) -> list[SimProduct]:
    """A deterministic catalog for ``seed``: the document sample plus generated products."""
    rng = random.Random(seed)
    products = [_sample_copy()]
    next_size = 42110
    for index, (title, brand, cat, sub, species, labels) in enumerate(_NAMES):
        sizes: list[SimSize] = []
        for label in labels:
            next_size += 1
            wholesale = Decimal(rng.randint(200, 4000)) / 100
            price = (wholesale * Decimal("1.6")).quantize(Decimal("1")) - Decimal("0.01")
            map_price = (price * Decimal("0.9")).quantize(Decimal("1")) - Decimal("0.01")
            upc = f"0{rng.randint(10**10, 10**11 - 1)}"
            stock = rng.choice([0, 2, 5, 18, 60, 140])
            sizes.append(
                SimSize(
                    next_size,
                    upc,
                    label,
                    price,
                    wholesale,
                    map_price,
                    round(rng.uniform(0.5, 30), 1),
                    stock,
                )
            )
        products.append(SimProduct(39280 + index, title, brand, cat, sub, species, sizes))
    return products


def _sample_copy() -> SimProduct:
    sizes = [SimSize(**vars(size)) for size in _SAMPLE.sizes]
    return SimProduct(**{**vars(_SAMPLE), "sizes": sizes})
