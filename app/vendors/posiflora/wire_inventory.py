"""Posiflora's stock items, prices, costs, categories and bouquets on the wire (§5.3, §5.4, §5.6).

Prices are declared int32 but the examples carry decimals (posiflora.md §6.4): read every amount
as Decimal; write per-store prices as the int32 the OpenAPI file states.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain.pricing_items import Bouquet, Category, InventoryItem, ItemCost, StorePrice
from app.vendors.posiflora.jsonapi import Document, Resource
from app.vendors.posiflora.wire import money, text, timestamp


def optional_money(value: object) -> Decimal | None:
    return None if value is None or value == "" else money(value)


def category(resource: Resource) -> Category:
    path = resource.attributes.get("path")
    titles = tuple(str(p) for p in path) if isinstance(path, list) else ()
    return Category(resource.id, text(resource.attributes, "title"), titles)


def _barcodes(document: Document, resource: Resource) -> tuple[str, ...]:
    # Barcodes are a to-many relationship (§5.3); their values only arrive when included.
    found = document.related_many(resource, "barcodes")
    return tuple(str(b.attributes.get("barcode")) for b in found if b.attributes.get("barcode"))


def inventory_item(document: Document, resource: Resource) -> InventoryItem:
    a = resource.attributes
    return InventoryItem(
        id=resource.id,
        title=text(a, "title"),
        category_id=resource.related_id("category"),
        barcodes=_barcodes(document, resource),
        item_type=text(a, "itemType") or "item",
        # §5.3: declared string, sent as numbers.
        price_min=optional_money(a.get("priceMin")),
        price_max=optional_money(a.get("priceMax")),
        updated_at=timestamp(a.get("updatedAt")),
    )


def store_price(resource: Resource) -> StorePrice:
    """A ``prices`` object; the id is ``<itemId>-<storeId>`` and both are UUIDs (§3 "IDs")."""
    a = resource.attributes
    store_id = resource.related_id("store") or resource.id[37:]
    return StorePrice(
        item_id=resource.id[:36] if len(resource.id) > 37 else resource.id,
        store_id=store_id,
        price=money(a.get("price")),
        cost=optional_money(a.get("cost")),
        stock=optional_money(a.get("quantity")),
        active=a.get("status") == "on",
        set_at=timestamp(a.get("setAt")),
    )


def last_cost(resource: Resource) -> ItemCost:
    """``last-costs``: the cost price, else the purchase price; both may be null (§5.3)."""
    a = resource.attributes
    cost = optional_money(a.get("costPrice"))
    if cost is None:
        cost = optional_money(a.get("purchasePrice"))
    return ItemCost(resource.related_id("item") or "", resource.related_id("store") or "", cost)


def net_cost(resource: Resource) -> ItemCost:
    """``net-costs``: the cost and ``leftQty``, the stock left at that store."""
    a = resource.attributes
    return ItemCost(
        resource.related_id("item") or "",
        resource.related_id("store") or "",
        optional_money(a.get("cost")),
        optional_money(a.get("leftQty")),
    )


def bouquet(resource: Resource) -> Bouquet:
    """§5.6: the schema is a copy of the category's; the attributes follow the examples."""
    a = resource.attributes
    return Bouquet(
        id=resource.id,
        title=text(a, "title"),
        store_id=resource.related_id("store"),
        amount=money(a.get("amount")),
        sale_amount=money(a.get("saleAmount")),
        true_sale_amount=money(a.get("trueSaleAmount")),
        discount=money(a.get("discount")),
        discount_type=text(a, "discountType") or "absolute",
        markup=money(a.get("markup")),
        markup_type=text(a, "markupType") or "absolute",
        status=text(a, "status"),
        doc_no=text(a, "docNo"),
        on_window_at=timestamp(a.get("onWindowAt")),
        updated_at=timestamp(a.get("updatedAt")),
    )


def whole_price(price: Decimal) -> int:
    """A per-store price as the int32 the OpenAPI file declares; refuses a fraction."""
    if price != price.to_integral_value() or price < 0:
        raise ValueError(f"Posiflora stores whole-unit prices; {price} is not one")
    return int(price)


def wire_amount(amount: Decimal) -> int | float:
    """A bouquet amount as the examples send it: a JSON number such as ``800`` or ``76.8``."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def price_body(store_id: str, price: Decimal, status: str = "on") -> dict[str, Any]:
    """One ``prices`` object exactly as ``POST /v1/inventory-items/{id}/prices`` states it."""
    return {
        "type": "prices",
        "attributes": {"price": whole_price(price), "status": status},
        "relationships": {"store": {"data": {"id": store_id, "type": "stores"}}},
    }


def bouquet_price_body(bouquet_id: str, sale_amount: Decimal) -> dict[str, Any]:
    """``PATCH /v1/bouquets/{id}``: the bouquet object with only the sale amount (§5.6)."""
    return {
        "data": {
            "type": "bouquets",
            "id": bouquet_id,
            "attributes": {"saleAmount": wire_amount(sale_amount)},
        }
    }
