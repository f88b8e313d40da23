"""fabric Marketplace catalog and inventory shapes <-> domain objects (fabric.md §4.2, §4.7).

Money arrives as decimal strings ("35.00"), timestamps as ISO 8601 with Z, UPCs as strings or
numbers (§6 #35): all read tolerantly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from app.domain.dropship import CatalogItem
from app.domain.money import MoneyFormatError, parse_optional_money

VENDOR = "fabric"


def money(value: object) -> Decimal | None:
    try:
        return parse_optional_money(value)
    except MoneyFormatError:
        return None


def timestamp(value: object) -> datetime | None:
    """ISO 8601; §6 #21: the seed also writes a space instead of ``T``."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def upc_text(value: object) -> str:
    """§6 #35: a string in the seed, a number in later samples; never drop leading zeros."""
    if value is None or isinstance(value, bool):
        return ""
    return str(value).strip()


def attribute(variant: Mapping[str, Any], code: str) -> str | None:
    """An attribute's value (§4.0); the value scoped to our retailer wins over the general one."""
    attrs = variant.get("attributes")
    entry = attrs.get(code) if isinstance(attrs, dict) else None
    values = entry.get("values") if isinstance(entry, dict) else None
    if not isinstance(values, list):
        return None
    ordered = sorted((v for v in values if isinstance(v, dict)), key=lambda v: "retailer" not in v)
    for value in ordered:
        if value.get("value") is not None:
            return str(value["value"])
    return None


def _media_url(raw: object) -> str:
    for media in raw if isinstance(raw, list) else []:
        url = str(media.get("url") or "") if isinstance(media, dict) else ""
        if url.startswith(("http://", "https://")):
            return url
        if url and not url.startswith("/"):
            return "https://" + url  # §6 #36: scheme-less URLs
    return ""


def variant_item(variant: Mapping[str, Any]) -> CatalogItem:
    """A variant (§4.2) as an orderable item; prices from the active permit, then attributes."""
    permit = variant.get("active_permit") if isinstance(variant.get("active_permit"), dict) else {}
    stock = variant.get("inventory") if isinstance(variant.get("inventory"), dict) else {}
    brand = variant.get("brand") if isinstance(variant.get("brand"), dict) else {}
    labels = [str(variant.get(k)) for k in ("color", "size", "style") if variant.get(k)]
    retail = money((permit or {}).get("retailer_price")) or money(
        attribute(variant, "retailer_price")
    )
    sellable = str((stock or {}).get("sellable") or "Yes") == "Yes"
    discontinued = bool((stock or {}).get("discontinued"))
    quantity = (stock or {}).get("inventory")
    return CatalogItem(
        vendor=VENDOR,
        item_id=str(variant.get("id") or ""),
        upc=upc_text(variant.get("upc")),
        title=str(variant.get("name") or variant.get("parent_name") or ""),
        brand=str((brand or {}).get("name") or ""),
        variant=" / ".join(labels),
        image_url=_media_url(variant.get("media")),
        wholesale=money((permit or {}).get("retailer_cost")) or money(attribute(variant, "cost")),
        retail=retail or money(attribute(variant, "msrp")),
        map_price=money(attribute(variant, "map")),
        stock=quantity if isinstance(quantity, int) and not isinstance(quantity, bool) else None,
        product_id=str(variant.get("product_id") or ""),
        orderable=bool(permit) and sellable and not discontinued,
    )


@dataclass(frozen=True)
class InventoryLevel:
    """One inventory position (§4.7), keyed by variant id, findable by UPC."""

    variant_id: str
    upc: str
    quantity: int
    sellable: bool
    discontinued: bool
    retailer_price: Decimal | None
    updated_at: datetime | None

    @property
    def available(self) -> int:
        return self.quantity if self.sellable and not self.discontinued else 0


def inventory_level(raw: Mapping[str, Any]) -> InventoryLevel:
    variant = raw.get("variant") if isinstance(raw.get("variant"), dict) else {}
    quantity = raw.get("inventory")
    return InventoryLevel(
        variant_id=str((variant or {}).get("id") or ""),
        upc=upc_text((variant or {}).get("upc")),
        quantity=quantity if isinstance(quantity, int) and not isinstance(quantity, bool) else 0,
        sellable=str(raw.get("sellable") or "") == "Yes",  # §4.2: "Yes"/"No" strings
        discontinued=bool(raw.get("discontinued")),
        retailer_price=money((variant or {}).get("retailer_price")),
        updated_at=timestamp(raw.get("inventory_updated_at")),
    )
