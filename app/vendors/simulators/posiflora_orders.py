"""Posiflora simulator: orders with the bonus rules, delivery status and stores.

Bonus rules (posiflora.md §6.5 "Fake-server suggestion", configurable through ``sim.rules``):
an order becoming ``done`` earns points at its customer's group rate on the part paid in money;
a payment with ``bonusAmount`` spends points, never more than the group's limit allows.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain.bonuses import BonusGroup, quote_purchase
from app.vendors.simulators.harness import SimRequest, route
from app.vendors.simulators.posiflora_data import SimHistoryLine, SimOrder
from app.vendors.simulators.posiflora_query import (
    bool_param,
    enum_list,
    list_param,
    when_param,
)
from app.vendors.simulators.posiflora_state import PosifloraState
from app.vendors.simulators.posiflora_views import (
    api_response,
    error_document,
    order_resource,
    page_slice,
    read_body,
    store_resource,
)

STATUSES = ("new", "done", "canceled", "returned", "courier", "assembled", "notAccepted")
DELIVERY = ("courier", "delivered", "cannotBeDelivered")


class OrderRoutes(PosifloraState):
    """Orders, payments and stores."""

    def order_or_error(self, ident: str, status: int = 400) -> SimOrder:
        """posiflora.md §4 row 61: an unknown order on GET answers 400, not 404."""
        found = self.orders.get(ident)
        if found is None:
            raise error_document(status, "Order not found", f"Order {ident} does not exist.")
        return found

    def _filtered_orders(self, req: SimRequest) -> list[SimOrder]:
        rows = sorted(self.orders.values(), key=lambda o: o.created_at)
        statuses = enum_list(req, "filter[statuses]", STATUSES)
        if statuses:
            rows = [o for o in rows if o.status in statuses]
        elif not bool_param(req, "filter[withReturned]"):
            rows = [o for o in rows if o.status != "returned"]  # posiflora.md §6.1
        stores = list_param(req, "filter[stores]")
        if stores:
            rows = [o for o in rows if o.store_id in stores]
        if "filter[customer]" in req.query:
            rows = [o for o in rows if o.customer_id == req.query["filter[customer]"]]
        for field, attr in (  # posiflora.md §4.2; modifiedAt is read as the last change
            ("dueTime", "due_time"),
            ("createdAt", "created_at"),
            ("updatedAt", "updated_at"),
            ("modifiedAt", "updated_at"),
            ("postedAt", "posted_at"),
        ):
            start = when_param(req, f"filter[{field}][from]")
            end = when_param(req, f"filter[{field}][to]")
            if start is not None:
                rows = [o for o in rows if getattr(o, attr) and getattr(o, attr) >= start]
            if end is not None:
                rows = [o for o in rows if getattr(o, attr) and getattr(o, attr) <= end]
        delivery = bool_param(req, "filter[delivery]")
        if delivery is not None:
            rows = [o for o in rows if o.delivery == delivery]
        return rows

    @route("GET", "/v1/orders")
    def list_orders(self, req: SimRequest) -> Any:
        rows = self._filtered_orders(req)
        chunk, meta = page_slice(rows, req, flat=False)
        meta["revision"] = self.revision
        if bool_param(req, "addMetaStatuses"):
            counts = {s: str(sum(o.status == s for o in rows)) for s in STATUSES}
            meta["statuses"] = {"all": str(len(rows)), **counts, "credit": "0"}  # strings (§5.5)
        data = [order_resource(o, self.line_ids(o)) for o in chunk]
        return api_response({"meta": meta, "data": data})

    @route("PATCH", "/v1/orders/{id}")
    def update_order(self, req: SimRequest) -> Any:
        order = self.order_or_error(req.params["id"])
        status = (read_body(req, "orders").get("attributes") or {}).get("status")
        if status is not None and status not in STATUSES:
            raise error_document(
                422,
                "Invalid status",
                f"{status} is not an order status.",
                pointer="/data/attributes/status",
            )
        if status == "done" and order.status != "done":
            order.payments_amount = max(order.payments_amount, order.total_amount)
            order.posted_at = self.now()  # §4.2 "postedBy": posted = closed
            self._accrue(order)
        if status is not None:
            order.status = status
        self._touch(order)
        data = order_resource(order, self.line_ids(order))
        return api_response({"data": data}, 201)  # posiflora.md §8 item 12

    @route("PATCH", "/v1/orders/{id}/delivery-status")
    def update_delivery_status(self, req: SimRequest) -> Any:
        order = self.order_or_error(req.params["id"], status=404)
        data = read_body(req, "orders-delivery-status")
        value = (data.get("attributes") or {}).get("deliveryStatus")
        if value not in DELIVERY:
            raise error_document(
                400,
                "Invalid delivery status",
                "deliveryStatus must be courier, delivered or cannotBeDelivered.",
                pointer="/data/attributes/deliveryStatus",
            )
        order.delivery_status = value
        self._touch(order)
        return api_response({"data": order_resource(order, self.line_ids(order))})

    @route("POST", "/v1/orders/{id}/payments")
    def create_payment(self, req: SimRequest) -> Any:
        order = self.order_or_error(req.params["id"])
        attrs = read_body(req, "order-payments").get("attributes") or {}
        amount, points = attrs.get("amount", 0), attrs.get("bonusAmount", 0)
        if not isinstance(amount, int | float) or not isinstance(points, int) or points < 0:
            raise error_document(
                422,
                "Invalid payment",
                "amount and bonusAmount must be numbers.",
                pointer="/data/attributes/amount",
            )
        if points:
            self._redeem(order, points)
        order.payments_amount += Decimal(str(amount)) + points * self.rules.point_value
        self._touch(order)
        data = {
            "type": "order-payments",
            "id": str(attrs.get("id") or order.id + "-p"),
            "attributes": {"amount": amount, "bonusAmount": points, "posted": True},
            "relationships": {"order": {"data": {"type": "orders", "id": order.id}}},
            "links": {"self": f"/order-payments/{order.id}"},
        }
        return api_response({"data": data})  # posiflora.md §8 item 12: 200 on this POST

    def _group_of(self, customer_id: str | None) -> BonusGroup | None:
        customer = self.customers.get(customer_id or "")
        sim_group = self.bonus_group(customer.bonus_group_id) if customer else None
        if sim_group is None:
            return None
        return BonusGroup(
            sim_group.id,
            sim_group.title,
            sim_group.bonus_rate,
            sim_group.limit,
            Decimal(sim_group.entry_amount),
            sim_group.status,
        )

    def _redeem(self, order: SimOrder, points: int) -> None:
        customer = self.customers.get(order.customer_id or "")
        balance = customer.current_points if customer else 0
        quote = quote_purchase(
            order.total_amount, self._group_of(order.customer_id), balance, self.rules
        )
        if customer is None or points > quote.max_redeemable_points:
            raise error_document(
                422,
                "Too many bonuses",
                f"At most {quote.max_redeemable_points} points may pay this order.",
                pointer="/data/attributes/bonusAmount",
            )
        self.history(customer.id)  # materialise the past before the balance moves
        customer.current_points -= points
        customer.spent_points += points
        order.bonus_paid += points
        self._line(order, -points)

    def _accrue(self, order: SimOrder) -> None:
        customer = self.customers.get(order.customer_id or "")
        group = self._group_of(order.customer_id)
        if customer is None:
            return
        self.history(customer.id)  # materialise the past before the balance moves
        customer.orders_qty += 1
        customer.orders_amount += order.total_amount
        if group is None or not group.is_active(self.now()):
            return
        paid_points = order.bonus_paid * self.rules.point_value
        base = (
            order.total_amount if self.rules.points_paid_earn else order.total_amount - paid_points
        )
        earned = self.rules.points_for(base, group.bonus_rate)
        if earned:
            customer.current_points += earned
            self._line(order, earned)

    def _line(self, order: SimOrder, amount: int) -> None:
        lines = self.history(order.customer_id or "")
        ident = f"{(order.customer_id or '')[:8]}-{len(lines) + 1}"
        lines.append(SimHistoryLine(ident, amount, False, self.now(), order.id))
        customer = self.customers[order.customer_id or ""]
        customer.updated_at, customer.revision = self.now(), self.next_revision()

    def _touch(self, order: SimOrder) -> None:
        order.updated_at, order.revision = self.now(), self.next_revision()

    # -- stores -------------------------------------------------------------------------------

    @route("GET", "/v1/stores")
    def list_stores(self, req: SimRequest) -> Any:
        term = req.query.get("search", "").casefold()
        rows = [s for s in self.stores if term in s.title.casefold()]
        meta = {"page": {"number": 1, "size": None}, "total": len(rows), "revision": 0}  # §5.7
        return api_response({"meta": meta, "data": [store_resource(s) for s in rows]})

    @route("GET", "/v1/stores/{id}")
    def get_store(self, req: SimRequest) -> Any:
        store = next((s for s in self.stores if s.id == req.params["id"]), None)
        if store is None:
            raise error_document(404, "Not found", f"Store {req.params['id']} does not exist.")
        return api_response({"data": store_resource(store)})
