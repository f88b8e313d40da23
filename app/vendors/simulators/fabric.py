"""A stateful fake of the fabric Marketplace API, to fabric.md §7 ("minimal faithful fake").

OAuth2 client credentials with tokens that expire (10 h, injectable), DRF pages with absolute
``next`` links, inventory that runs down as orders arrive, orders that ship after a while,
shipments to acknowledge. The seed says nothing about duplicate PO numbers (§5), so none are
refused. Cancels follow the RevCascade reference [EXT, not in the seed].
"""

from __future__ import annotations

import secrets
import string
from datetime import timedelta
from typing import Any

import httpx

from app.vendors.simulators.fabric_data import SimVariant, build_variants
from app.vendors.simulators.fabric_orders import SimPO, SimShipment
from app.vendors.simulators.fabric_po import validate_po
from app.vendors.simulators.fabric_views import by_time, drf_page, inventory_row
from app.vendors.simulators.harness import SimError, SimRequest, Simulator, json_response, route

SIM_CLIENT_ID = "sim-fabric-client"
SIM_CLIENT_SECRET = "sim-fabric-secret"
_R = "/v1/retailers/{retailer}"


class FabricSimulator(Simulator):
    vendor = "fabric"

    def __init__(
        self,
        seed: int = 0,
        *,
        retailer_id: int = 500,
        page_size: int = 20,
        token_lifetime: timedelta = timedelta(hours=10),
        **kwargs: Any,
    ) -> None:
        super().__init__(seed, **kwargs)
        self.retailer_id = str(retailer_id)
        self.page_size = page_size
        self.token_lifetime = token_lifetime  # §2: "Tokens are valid for 10 hours."
        self.tokens: dict[str, Any] = {}
        self.variants = {v.id: v for v in build_variants(seed, self.now())}
        self.orders: dict[int, SimPO] = {}
        self.shipments: dict[int, SimShipment] = {}
        self.next_ids = {"order": 1015, "ship_to": 16, "shipment": 1000}

    def snapshot(self) -> dict[str, Any]:
        return {
            "vendor": self.vendor,
            "orders": len(self.orders),
            "purchase_orders": [o.body.get("purchase_order_number") for o in self.orders.values()],
        }

    # -- auth ---------------------------------------------------------------------------------

    @route("POST", "/v1/", auth=False)  # §2: the seed's literal token URL
    @route("POST", "/v1/auth/token/", auth=False)  # RevCascade [EXT]
    def token(self, req: SimRequest) -> Any:
        form = req.form()
        if form.get("grant_type") != "client_credentials":
            return 400, {"error": "unsupported_grant_type"}
        if (form.get("client_id"), form.get("client_secret")) != (SIM_CLIENT_ID, SIM_CLIENT_SECRET):
            return 401, {"detail": "Invalid client credentials."}
        alphabet = string.ascii_letters + string.digits
        token = "".join(secrets.choice(alphabet) for _ in range(30))  # §2: 30 chars, opaque
        self.tokens[token] = self.now() + self.token_lifetime
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": int(self.token_lifetime.total_seconds()),
            "scope": "read write",
        }

    def check_auth(self, req: SimRequest) -> httpx.Response | None:
        header = req.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return json_response({"detail": "Authentication credentials were not provided."}, 401)
        expires = self.tokens.get(header[7:])
        if expires is None or self.now() >= expires:
            return json_response({"detail": "Invalid token."}, 401)
        if req.params.get("retailer") != self.retailer_id:
            return json_response({"detail": "Not found."}, 404)
        self._advance()
        return None

    # -- lists --------------------------------------------------------------------------------

    @route("GET", _R + "/variants/")
    def list_variants(self, req: SimRequest) -> dict[str, Any]:
        rows = [v.wire() for v in self.variants.values()]
        # §3.1: the variants list adds a "summary" key.
        return drf_page(req, self.page_size, rows, summary={"attributes": []})

    @route("GET", _R + "/variants/{id}/")
    def variant(self, req: SimRequest) -> dict[str, Any]:
        return self._variant(req.params["id"]).wire()

    @route("GET", _R + "/products/")
    def list_products(self, req: SimRequest) -> dict[str, Any]:
        chosen = by_time(req, list(self.variants.values()))
        products: dict[int, dict[str, Any]] = {}
        for v in chosen:
            products.setdefault(
                v.product_id,
                {
                    "id": v.product_id,
                    "name": v.parent_name,
                    "identifier": f"P{v.product_id}",
                    "brand": v.brand,
                    "parent_identifier": f"P{v.product_id}",
                    "parent_name": v.parent_name,
                    "rcn_status": "not_published",
                    "pricing": {},
                    "num_variants": sum(
                        1 for x in self.variants.values() if x.product_id == v.product_id
                    ),
                    "updated_at": v.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                },
            )
        return drf_page(req, self.page_size, list(products.values()))

    @route("GET", _R + "/inventory/")
    def list_inventory(self, req: SimRequest) -> dict[str, Any]:
        chosen = by_time(req, list(self.variants.values()))
        order_by = req.query.get("order_by", "")
        if order_by.lstrip("-") == "inventory_updated_at":
            chosen.sort(key=lambda v: v.updated_at, reverse=order_by.startswith("-"))
        return drf_page(req, self.page_size, [inventory_row(v) for v in chosen])

    @route("GET", _R + "/inventory/{id}/")
    def inventory_item(self, req: SimRequest) -> dict[str, Any]:
        return inventory_row(self._variant(req.params["id"]))

    def _variant(self, raw: str) -> SimVariant:
        found = self.variants.get(int(raw)) if raw.isdigit() else None
        if found is None:
            raise SimError(404, {"detail": "Not found."})
        return found

    # -- orders, shipments, cancels -----------------------------------------------------------

    @route("POST", _R + "/orders/")
    def create_order(self, req: SimRequest) -> Any:
        body = req.json()
        problems, lines = validate_po(body, self.variants)
        if problems:
            return 400, problems  # §4.8: a 400 saves nothing
        now = self.now()
        order = SimPO(self.next_ids["order"], body, lines, now, self.next_ids["ship_to"])
        self.next_ids["order"] += 1
        self.next_ids["ship_to"] += 1
        for line in lines:
            line.backordered = line.quantity > line.variant.inventory
            line.variant.inventory = max(0, line.variant.inventory - line.quantity)
            line.variant.updated_at = now
        self.orders[order.id] = order
        return 201, order.wire(now)

    @route("GET", _R + "/orders/")
    def list_orders(self, req: SimRequest) -> dict[str, Any]:
        now = self.now()
        return drf_page(req, self.page_size, [o.wire(now) for o in self.orders.values()])

    @route("GET", _R + "/orders/{id}/")
    def order(self, req: SimRequest) -> dict[str, Any]:
        return self._order(req.params["id"]).wire(self.now())

    @route("POST", _R + "/cancels/")  # [EXT] RevCascade cancels; not in the seed
    def cancel(self, req: SimRequest) -> Any:
        body = req.json()
        order = self._order(str(body.get("order_id") if isinstance(body, dict) else ""))
        now = self.now()
        if order.canceled_at is None and (order.acknowledged_at(now) or order.shipment_ids):
            return 400, {
                "non_field_errors": [
                    "Cancellations may only be requested prior to the supplier acknowledging "
                    "the order."
                ]
            }
        if order.canceled_at is None:
            order.canceled_at = now
            for line in order.lines:
                line.variant.inventory += line.quantity
                line.variant.updated_at = now
        return 201, {
            "id": order.id,
            "order_id": order.id,
            "reason": body.get("reason_id"),
            "canceled_at": order.wire(now)["canceled_at"],
        }

    @route("GET", _R + "/shipments/")
    def list_shipments(self, req: SimRequest) -> dict[str, Any]:
        rows = list(self.shipments.values())
        flag = req.query.get("is_acknowledged")
        if flag in ("0", "1", "false", "true"):
            wanted = flag in ("1", "true")
            rows = [s for s in rows if (s.acknowledged_at is not None) == wanted]
        return drf_page(req, self.page_size, [s.wire() for s in rows])

    @route("PUT", _R + "/shipments/{id}/")  # §4.9 S2: no /acknowledge/ suffix
    def acknowledge_shipment(self, req: SimRequest) -> dict[str, Any]:
        raw = req.params["id"]
        found = self.shipments.get(int(raw)) if raw.isdigit() else None
        if found is None:
            raise SimError(404, {"detail": "Not found."})
        if found.acknowledged_at is None:
            found.acknowledged_at = self.now()
        return found.wire()

    def _order(self, raw: str) -> SimPO:
        found = self.orders.get(int(raw)) if raw.isdigit() else None
        if found is None:
            raise SimError(404, {"detail": "Not found."})
        return found

    def _advance(self) -> None:
        """Ship every order whose time has come (called under the harness lock)."""
        now = self.now()
        for order in self.orders.values():
            if order.due_to_ship(now):
                sid = self.next_ids["shipment"]
                self.next_ids["shipment"] += 1
                self.shipments[sid] = SimShipment(sid, order, now)
                order.shipment_ids.append(sid)
