"""Account, address, discount-level and discount routes of the Yodify simulator."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.vendors.simulators.request import SimRequest
from app.vendors.simulators.routing import route
from app.vendors.simulators.yodify_data import LEVELS, SimAccount
from app.vendors.simulators.yodify_orders import stamp
from app.vendors.simulators.yodify_state import YodifyState

API = "/api/v1"
STORE_ADDRESSES = (
    (8, "Main Office", "915 W Dallas St", "Houston", "TX", "77019", True, False),
    (9, "Cold Store", "40 Ice House Rd", "Houston", "TX", "77020", False, True),
)
QUANTITY_TIERS = ((10, 5), (25, 10), (50, 15))  # stems or boxes -> percent off


class AccountRoutes(YodifyState):
    def level_wire(self, level: tuple[int, str, str, Decimal]) -> dict[str, Any]:
        level_id, name, description, _ = level
        mine = [b for b in self.brand_discounts() if b["discount_level_id"] == level_id]
        return {
            "id": level_id,
            "object": "discountlevel",
            "client_identifier": "",
            "name": name,
            "description": description,
            "brand_discounts": mine,
            "accounts": [],
            "created_on": "2020-12-01T08:00:00.000Z",
        }

    def account_wire(self, account: SimAccount) -> dict[str, Any]:
        city, state, country, postal = account.city
        level = next(lv for lv in LEVELS if lv[0] == account.level_id)
        return {
            "client_identifier": "",
            "id": account.id,
            "object": "account",
            "discount_level": {"id": level[0], "object": "discountlevel", "name": level[1]},
            "created_on": stamp(account.created_on),
            "discount_level_id": account.level_id,
            "name": account.name,
            "account_number": account.number,
            "payment_terms": account.terms,
            "custom_payment_terms": None,
            "customer_type": "Florist",
            "industry": "Floral",
            "city": city,
            "state_code": state,
            "country_code": country,
            "postal_code": postal,
            "street1": f"{100 + account.id} Market St",
            "street2": "",
            "email": account.email,
            "phone_number": "555-0100",
            "user_accounts": [],
        }

    def brand_discounts(self) -> list[dict[str, Any]]:
        brand_ids = list(self.catalog.brands)
        found = []
        for index, (level_id, _, _, pct) in enumerate(LEVELS):
            for offset in (0, 3):
                brand_id = brand_ids[(index + offset) % len(brand_ids)]
                found.append({
                    "id": 12321 + index * 10 + offset,
                    "object": "branddiscount",
                    "client_identifier": "",
                    "brand_id": brand_id,
                    "brand": {"id": brand_id, "name": self.catalog.brands[brand_id]},
                    "discount_level_id": level_id,
                    "percent_discount": pct,
                    "created_on": "2020-12-01T08:00:00.000Z",
                })  # fmt: skip
        return found

    @route("GET", API + "/Accounts")
    def list_accounts(self, req: SimRequest) -> dict[str, Any]:
        return self.envelope(req, list(self.catalog.accounts.values()), self.account_wire)

    @route("GET", API + "/Accounts/{id}")
    def get_account(self, req: SimRequest) -> dict[str, Any]:
        raw = req.params["id"]
        account = self.catalog.accounts.get(int(raw) if raw.isdigit() else -1)
        if account is None:
            raise self.problem(req, detail=f"Account {raw} was not found.")
        return self.account_wire(account)

    @route("GET", API + "/Addresses")
    def list_addresses(self, req: SimRequest) -> dict[str, Any]:
        return self.envelope(req, list(STORE_ADDRESSES), _address_wire)

    @route("GET", API + "/DiscountLevels")
    def list_levels(self, req: SimRequest) -> dict[str, Any]:
        return self.envelope(req, list(LEVELS), self.level_wire)

    @route("GET", API + "/DiscountLevels/GetByName/{name}")
    def level_by_name(self, req: SimRequest) -> dict[str, Any]:
        wanted = req.params["name"].strip().lower()
        for level in LEVELS:
            if level[1].lower() == wanted:
                return self.level_wire(level)
        raise self.problem(req, detail=f"Discount Level '{req.params['name']}' was not found.")

    @route("GET", API + "/DiscountLevels/{id}")
    def get_level(self, req: SimRequest) -> dict[str, Any]:
        raw = req.params["id"]
        for level in LEVELS:
            if str(level[0]) == raw:
                return self.level_wire(level)
        raise self.problem(req, detail=f"Discount Level {raw} was not found.")

    @route("GET", API + "/BrandDiscounts")
    def list_brand_discounts(self, req: SimRequest) -> dict[str, Any]:
        return self.envelope(req, self.brand_discounts(), lambda item: item)

    @route("GET", API + "/PriceDiscounts")
    def list_price_discounts(self, req: SimRequest) -> dict[str, Any]:
        return self.envelope(req, self._price_discounts(), lambda item: item)

    @route("GET", API + "/QuantityDiscounts")
    def list_quantity_discounts(self, req: SimRequest) -> dict[str, Any]:
        return self.envelope(req, [self._case_pricing()], lambda item: item)

    def _price_discounts(self) -> list[dict[str, Any]]:
        # A few featured SKUs carry an extra per-level discount ("SKU discounts", §4.5).
        found = []
        for index, sku in enumerate(self._sku_list[:6]):
            level_id = LEVELS[index % len(LEVELS)][0]
            found.append({"id": 500 + index, "object": "discount", "client_identifier": "",
                          "percent_discount": 20, "discount_level_id": level_id,
                          "sku_id": sku.id})  # fmt: skip
        return found

    def _case_pricing(self) -> dict[str, Any]:
        tiers = [{"id": 90 + i, "quantity": q, "percent_discount": p}
                 for i, (q, p) in enumerate(QUANTITY_TIERS)]  # fmt: skip
        return {
            "client_identifier": "",
            "id": 8,
            "object": "QuantityDiscount",
            "created_on": "2020-12-01T08:00:00.000Z",
            "name": "Case Pricing",
            "is_active": True,
            "combine_with_other_products_using_same_discount": True,
            "apply_to_sale_price": False,
            "show_percentage_off": True,
            "show_product_discounts": True,
            "show_sku_discounts": True,
            "calculation": "CascadePercentDiscount",
            "tiers": tiers,
            "discount_levels": [],
        }


def _address_wire(row: tuple[int, str, str, str, str, str, bool, bool]) -> dict[str, Any]:
    address_id, name, street, city, state, postal, primary, warehouse = row
    return {
        "client_identifier": "",
        "id": address_id,
        "object": "address",
        "created_on": "2020-12-01T08:00:00.000Z",
        "name": name,
        "company_name": "Counterpart Florist Supply",
        "city": city,
        "state_code": state,
        "country_code": "US",
        "street1": street,
        "street2": "",
        "postal_code": postal,
        "phone_number": "+1 713-555-0100",
        "is_primary": primary,
        "is_warehouse": warehouse,
    }
