"""Trade orders inside the Yodify simulator: their lines, money, shipments and wire shapes."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from app.vendors.simulators.yodify_data import (
    Catalog,
    SimAccount,
    SimSku,
    level_discount,
)

CENT = Decimal("0.01")
CAD_RATE = Decimal("0.74")  # seller (USD) = customer (CAD) × rate, as in the doc's example
TAX_RATE = Decimal("0.05")
FREIGHT = Decimal("18.50")


@functools.lru_cache(maxsize=65536)  # a SKU page repeats the same few thousand instants
def stamp(moment: datetime | None) -> str | None:
    """The document's date form: ``2020-12-01T08:00:00.000Z``."""
    if moment is None:
        return None
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


@dataclass
class SimLine:
    id: int
    sku: SimSku
    quantity: int
    seller_price: Decimal
    price: Decimal


@dataclass
class SimShipment:
    id: int
    order_id: int
    carrier: str
    tracking_number: str
    shipment_type: str
    created_on: datetime
    shipped_date: datetime | None
    client_identifier: str = ""

    def wire(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "shipment",
            "client_identifier": self.client_identifier,
            "order_id": self.order_id,
            "shipped_date": stamp(self.shipped_date),
            "estimated_delivery_date": stamp(self.created_on + timedelta(days=3)),
            "tracking_number": self.tracking_number,
            "tracking_url": "",
            "carrier": self.carrier,
            "items": [],
            "add_ons": [],
            "shipment_type": self.shipment_type,
            "created_on": stamp(self.created_on),
            "trackings": [],
            "status": "InTransit" if self.shipped_date else "Pending",
        }


@dataclass
class SimTradeOrder:
    id: int
    number: str
    account: SimAccount
    created_on: datetime
    lines: list[SimLine]
    status: str = "New"
    shipments: list[SimShipment] = field(default_factory=list)
    cancel_message: str = ""

    def _sums(self, seller: bool) -> dict[str, Decimal]:
        subtotal = sum(
            ((ln.seller_price if seller else ln.price) * ln.quantity for ln in self.lines),
            Decimal(0),
        )
        rate = Decimal(1) if seller or self.account.currency == "USD" else CAD_RATE
        freight = (FREIGHT / rate).quantize(CENT)
        tax = (subtotal * TAX_RATE).quantize(CENT)
        return {
            "subtotal": subtotal.quantize(CENT),
            "freight": freight,
            "tax": tax,
            "discount": Decimal(0),
            "transaction_fee": Decimal(0),
            "total": (subtotal + freight + tax).quantize(CENT),
        }

    def wire(self, expand: set[str]) -> dict[str, Any]:
        """An ``Order``; children are ``{}``/``[{}]`` placeholders unless expanded (§2.5)."""
        customer = self._customer() if "customer" in expand else {}
        items = [self._item(ln) for ln in self.lines] if "items" in expand else [{}]
        ships = [s.wire() for s in self.shipments] if "shipments" in expand else [{}]
        cad = self.account.currency == "CAD"
        body: dict[str, Any] = {
            "id": self.id,
            "object": "order",
            "client_identifier": "",
            "shopping_cart_id": self.id + 40,
            "order_number": self.number,
            "customer_id": customer.get("id") or f"cust-{self.account.id}",
            "customer": customer,
            "items": items,
            "shipments": ships,
            "shipping_address": self._address(),
            "shipping_instructions": "",
            "shipping_method": "Cold Chain Overnight",
            "currency_code": self.account.currency,
            "seller_currency_code": "USD",
            "order_status": self.status,
            "payment_method": "CreditCard" if self.account.terms == "CreditCard" else "Account",
            "tax_rate": TAX_RATE,
            "exchange_rate": CAD_RATE if cad else Decimal(1),
            "ordered_date": stamp(self.created_on),
            "additional_information": {
                "tax_id": "",
                "purchase_order_number": f"PO-{self.id * 7 % 100000:05d}",
                "fields": [],
                "comments": "",
            },
            "url": "",
        }
        body.update(self._sums(seller=False))
        body.update({f"seller_{k}": v for k, v in self._sums(seller=True).items()})
        return body

    def _customer(self) -> dict[str, Any]:
        acc = self.account
        return {
            "id": f"cust-{acc.id}",
            "object": "customer",
            "first_name": "Buyer",
            "last_name": acc.name.split()[0],
            "company_name": acc.name,
            "email_address": acc.email,
            "phone_number": "555-0100",
            "account_id": acc.id,
            "account_name": acc.name,
            "account_number": acc.number,
            "discount_level_id": acc.level_id,
            "discount_level_name": "",
        }

    def _item(self, line: SimLine) -> dict[str, Any]:
        return {
            "id": line.id,
            "object": "orderitem",
            "sku_id": line.sku.id,
            "order_id": self.id,
            "product_id": line.sku.product_id,
            "product": {"id": line.sku.product_id, "object": "product", "name": line.sku.name},
            "quantity": line.quantity,
            "model_number": line.sku.sku,
            "price_per_unit": line.price,
            "seller_price_per_unit": line.seller_price,
            "add_ons": [],
            "unit_of_measure": line.sku.unit,
        }

    def _address(self) -> dict[str, Any]:
        city, state, country, postal = self.account.city
        return {
            "id": self.account.id + 500,
            "object": "address",
            "name": self.account.name,
            "company_name": self.account.name,
            "city": city,
            "state_code": state,
            "country_code": country,
            "street1": f"{100 + self.account.id} Market St",
            "street2": "",
            "postal_code": postal,
            "is_primary": False,
            "is_warehouse": False,
        }


def make_lines(
    rng: random.Random, catalog: Catalog, account: SimAccount, first_line_id: int
) -> list[SimLine]:
    """One to four lines at the account's discount level (and currency)."""
    sku_ids = list(catalog.skus)
    pct = level_discount(account.level_id)
    lines = []
    for offset in range(rng.randint(1, 4)):
        sku = catalog.skus[sku_ids[rng.randrange(len(sku_ids))]]
        seller = (sku.list_price * (100 - pct) / 100).quantize(CENT)
        price = seller if account.currency == "USD" else (seller / CAD_RATE).quantize(CENT)
        lines.append(SimLine(first_line_id + offset, sku, rng.randint(1, 12), seller, price))
    return lines
