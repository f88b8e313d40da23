"""The fabric simulator's catalog: variants, permits and inventory with the seed's field names."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

RETAILER = {
    "id": 500,
    "name": "Demo Retailer",
    "code": "demo-retailer",
    "platform": "fabric",
    "status": "active",
}
USD = {
    "id": 7,
    "name": "United States Dollar",
    "standard_unit": "USD",
    "type": "cost",
    "system": None,
    "symbol": "$",
}
GROUND = {
    "id": 2,
    "name": "Ground",
    "type": "small_parcel",
    "description": "Should arrive within 3-7 days after processing time",
}


def iso(moment: datetime | None) -> str | None:
    """§4: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


@dataclass
class SimVariant:
    id: int
    product_id: int
    name: str
    parent_name: str
    brand: dict[str, Any]
    identifier: str
    upc: str
    color: str | None
    size: str | None
    price: Decimal
    cost: Decimal
    map_price: Decimal
    inventory: int
    updated_at: datetime
    sellable: bool = True

    def _attr(self, aid: int, code: str, name: str, value: str, money: bool = False) -> Any:
        kind = "money" if money else "string"
        return {
            "id": aid,
            "code": code,
            "name": name,
            "editable_by": None,
            "grouping": "general",
            "description": None,
            "type": kind,
            "units": "USD" if money else None,
            "values": [
                {"id": aid * 1000 + self.id % 1000, "value": value, "unit": USD if money else None}
            ],
        }

    def inventory_block(self) -> dict[str, Any]:
        return {
            "discontinued": False,
            "discontinued_updated_at": None,
            "inventory": self.inventory,
            "inventory_updated_at": iso(self.updated_at),
            "inventory_last_submitted_at": iso(self.updated_at),
            "brand_inventory_updated_at": iso(self.updated_at),
            "sellable": "Yes" if self.sellable else "No",  # §4.2: a "Yes"/"No" string
            "sellable_updated_at": None,
            "replenishable": None,
            "estimated_availability_date": None,
            "locations": [
                {"id": 1, "address": None, "inventory": self.inventory, "nickname": "LA Warehouse"}
            ],
        }

    def ref(self) -> dict[str, Any]:
        """VariantRef (§4.0), as in inventory rows."""
        return {
            "id": self.id,
            "name": self.name,
            "brand": self.brand,
            "identifier": self.identifier,
            "brand_identifier": self.identifier,
            "upc": self.upc,
            "retailer_identifiers": [],
            "retailer_price": f"{self.price:.2f}",
        }

    def wire(self) -> dict[str, Any]:
        permit = {
            "id": 10000 + self.id,
            "retailer": RETAILER,
            "retailer_price": f"{self.price:.2f}",
            "retailer_cost": f"{self.cost:.2f}",
            "pricing": {},
            "attributes": {},
            "start_at": "2022-08-18T19:16:33Z",
            "end_at": None,
            "is_in_effect": True,
            "revoked_at": None,
            "is_acknowledged": True,
            "acknowledged_at": "2022-08-19T10:00:00Z",
        }
        attributes = {
            "name": self._attr(1, "name", "Name", self.name),
            "upc": self._attr(4, "upc", "UPC", self.upc),
            "cost": self._attr(13, "cost", "Cost Price", f"{self.cost:.2f}", True),
            "map": self._attr(14, "map", "MAP", f"{self.map_price:.2f}", True),
            "msrp": self._attr(15, "msrp", "MSRP", f"{self.price:.2f}", True),
        }
        return {
            "id": self.id,
            "name": self.name,
            "brand_identifier": self.identifier,
            "parent_identifier": f"P{self.product_id}",
            "parent_name": self.parent_name,
            "attributes": attributes,
            "brand": self.brand,
            "identifier": self.identifier,
            "product_id": self.product_id,
            "cartons": [],
            "upc": self.upc,
            "color": self.color,
            "style": None,
            "size": self.size,
            "active_permit": permit,
            "permits": [permit],
            "permits_count": 1,
            "inventory_policy": "managed",
            "inventory": self.inventory_block(),
            "media": [
                {
                    "media": "default",
                    "width": 600,
                    "height": 600,
                    "priority": 1,
                    "url": f"https://images.demo.com/variants/{self.id}.jpg",
                }
            ],
            "retailer_identifiers": [],
            "retailer_categories": [],
        }


_PRODUCTS: list[tuple[str, str, list[tuple[str | None, str | None]]]] = [
    (
        "Hand-Poured Soy Candle",
        "Wick & Co",
        [("Amber", "8 oz"), ("Amber", "16 oz"), ("Fig", "8 oz")],
    ),
    ("Ceramic Bud Vase", "Terra Studio", [("White", None), ("Sage", None)]),
    ("Linen Table Runner", "Homespun", [("Natural", "72 in"), ("Slate", "90 in")]),
    ("Glass Terrarium", "Greenhouse Goods", [(None, "Small"), (None, "Large")]),
    ("Dried Lavender Bundle", "Provence Farms", [(None, "Standard")]),
    ("Copper Watering Can", "Garden Smith", [("Copper", "1 L"), ("Brass", "1 L")]),
]


def build_variants(seed: int, now: datetime) -> list[SimVariant]:
    """A deterministic assortment; the first variant is the seed's id 451 (§4.8 sample)."""
    rng = random.Random(seed)
    variants: list[SimVariant] = []
    next_id = 451
    for index, (title, brand_name, options) in enumerate(_PRODUCTS):
        brand = {
            "id": 3400 + index,
            "code": brand_name.lower().replace(" ", "-"),
            "name": brand_name,
        }
        for color, size in options:
            cost = Decimal(rng.randint(500, 4000)) / 100
            price = (cost * 2).quantize(Decimal("1")) - Decimal("0.01")
            map_price = (price * Decimal("0.85")).quantize(Decimal("1")) - Decimal("0.01")
            label = " ".join(p for p in (title, color, size) if p)
            variants.append(
                SimVariant(
                    next_id,
                    87730 + index,
                    label,
                    title,
                    brand,
                    f"SKU-{next_id}",
                    f"{rng.randint(10**11, 10**12 - 1)}",
                    color,
                    size,
                    price,
                    cost,
                    map_price,
                    rng.choice([0, 3, 8, 25, 60]),
                    now - timedelta(minutes=rng.randint(1, 5000)),
                )
            )
            next_id += 1
    return variants
