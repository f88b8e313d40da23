"""A stateful fake of Yodify's seller API (yodify.md): a florist-supply wholesale store.

Orders arrive over time on ``sim.clock``; confirm, cancel and shipment rules answer with the
vendor's ``ValidationProblemDetails`` body; lists come in both shapes; ``Limit`` is 1..100.
"""

from __future__ import annotations

from typing import Any

from app.vendors.simulators.request import SimRequest
from app.vendors.simulators.routing import route
from app.vendors.simulators.yodify_accounts import AccountRoutes
from app.vendors.simulators.yodify_catalog import CatalogRoutes
from app.vendors.simulators.yodify_data import CARRIERS
from app.vendors.simulators.yodify_orders import SimTradeOrder
from app.vendors.simulators.yodify_state import TOKEN

API = "/api/v1"
CONFIRMABLE = ("New", "Received", "StockPartiallyConfirmed")
SHIPPABLE = ("Processing", "StockConfirmed", "StockPartiallyConfirmed", "PartiallyShipped")
FINISHED = ("Complete", "Refunded", "RefundRequested", "RefundRejected", "Shipped")

__all__ = ["TOKEN", "YodifySimulator"]


class YodifySimulator(CatalogRoutes, AccountRoutes):
    """Yodify's ``/api/v1`` for demo mode and tests."""

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            self.arrive()
            statuses: dict[str, int] = {}
            for order in self.orders.values():
                statuses[order.status] = statuses.get(order.status, 0) + 1
            return {"vendor": self.vendor, "skus": len(self.catalog.skus), "orders": statuses}

    def _order(self, req: SimRequest, key: str = "id") -> SimTradeOrder:
        self.arrive()
        raw = req.params[key]
        order = self.orders.get(int(raw) if raw.isdigit() else -1)
        if order is None:
            raise self.problem(req, detail=f"Order {raw} was not found.")
        return order

    def _expand(self, req: SimRequest) -> set[str]:
        return {value.lower() for value in self.values(req, "Expand")}

    @route("GET", API + "/Orders")
    def list_orders(self, req: SimRequest) -> list[Any]:
        self.arrive()
        statuses = {s.lower() for s in self.values(req, "Statuses")}
        since = self.integer(req, "SinceId")
        low, high = self.time_param(req, "CreatedOnMin"), self.time_param(req, "CreatedOnMax")
        if low and high and low > high:
            message = "CreatedOnMin must be less than or equal to CreatedOnMax."
            raise self.problem(req, {"CreatedOnMin": [message]})
        orders = [
            o
            for o in self.orders.values()  # ascending id = creation order
            if (not statuses or o.status.lower() in statuses)
            and (since is None or o.id > since)
            and (low is None or o.created_on >= low)
            and (high is None or o.created_on <= high)
        ]
        expand = self._expand(req)
        return self.bare(req, orders, lambda o: o.wire(expand))  # §2.5: a bare array

    @route("GET", API + "/Orders/{id}")
    def get_order(self, req: SimRequest) -> dict[str, Any]:
        return self._order(req).wire(self._expand(req))

    @route("PUT", API + "/Orders/confirm/{id}")
    def confirm_order(self, req: SimRequest) -> dict[str, Any]:
        order = self._order(req)
        body = req.json()
        if order.status not in CONFIRMABLE:
            reason = f"Order {order.number} is {order.status} and cannot be confirmed again."
            if order.status == "Cancelled":
                reason = f"Order {order.number} was cancelled and cannot be confirmed."
            raise self.problem(req, {"order_status": [reason]})
        order.status = "Processing" if body.get("confirm_stock", True) else "StockConfirmed"
        return order.wire(set(body.get("expand") or []))

    @route("PUT", API + "/Orders/cancel/{id}")
    def cancel_order(self, req: SimRequest) -> dict[str, Any]:
        order = self._order(req)
        body = req.json()
        if order.shipments:
            reason = (
                f"Order {order.number} already has a shipment, so it can no longer be "
                "cancelled. Refund the order instead."
            )
            raise self.problem(req, {"Order": [reason]})
        if order.status == "Cancelled":
            raise self.problem(req, {"Order": [f"Order {order.number} is already cancelled."]})
        if order.status in FINISHED:
            reason = f"Order {order.number} is {order.status} and cannot be cancelled."
            raise self.problem(req, {"Order": [reason]})
        order.status = "Cancelled"
        order.cancel_message = str(body.get("message") or "")
        return order.wire(set(body.get("expand") or []))

    @route("GET", API + "/orders/{orderId}/shipments")
    def list_order_shipments(self, req: SimRequest) -> dict[str, Any]:
        order = self._order(req, "orderId")
        return self.envelope(req, order.shipments, lambda s: s.wire())

    @route("POST", API + "/orders/{orderId}/shipments")
    def create_shipment(self, req: SimRequest) -> dict[str, Any]:
        order = self._order(req, "orderId")
        body = req.json()
        if order.status not in SHIPPABLE:
            reason = f"Order {order.number} has not been confirmed; confirm it before shipping."
            if order.status not in CONFIRMABLE:
                reason = f"Order {order.number} is {order.status}; a shipment cannot be added."
            raise self.problem(req, {"order_id": [reason]})
        kind = str(body.get("shipment_type") or "Tracked")
        carrier = str(body.get("carrier") or "")
        known = {c.lower() for _, slug, name in CARRIERS for c in (slug, name)}
        if kind == "Tracked" and carrier.lower() not in known:
            raise self.problem(req, {"carrier": [f"'{carrier}' is not a carrier Yodify knows."]})
        shipment = self.add_shipment_record(
            order, carrier, str(body.get("tracking_number") or ""), kind,
            str(body.get("client_identifier") or ""),
        )  # fmt: skip
        order.status = "ReadyForPickup" if kind == "Pickup" else "Shipped"
        return shipment.wire()

    @route("GET", API + "/orders/{orderId}/shipments/{id}")
    def get_order_shipment(self, req: SimRequest) -> dict[str, Any]:
        order = self._order(req, "orderId")
        for shipment in order.shipments:
            if str(shipment.id) == req.params["id"]:
                return shipment.wire()
        raise self.problem(req, detail=f"Shipment {req.params['id']} was not found.")

    @route("GET", API + "/Shipments")
    def list_shipments(self, req: SimRequest) -> list[Any]:
        self.arrive()
        since = self.integer(req, "SinceId")
        found = [s for o in self.orders.values() for s in o.shipments]
        found = sorted((s for s in found if since is None or s.id > since), key=lambda s: s.id)
        return self.bare(req, found, lambda s: s.wire())  # §2.5: a bare array here
