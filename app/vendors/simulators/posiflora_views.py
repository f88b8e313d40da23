"""The Posiflora simulator's wire forms: JSON:API resources, both meta shapes, error documents."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from app.vendors.simulators.posiflora_data import (
    SimCustomer,
    SimGroup,
    SimHistoryLine,
    SimOrder,
    SimStore,
)
from app.vendors.simulators.request import SimError, SimRequest, json_bytes

MEDIA_TYPE = "application/vnd.api+json"
DELIVERY_WINDOW = timedelta(hours=2)


def stamp(moment: datetime | None) -> str | None:
    """posiflora.md §6.3: responses carry UTC with ``+00:00``."""
    return None if moment is None else moment.isoformat(timespec="seconds")


def number(amount: Decimal) -> int | float:
    """Order totals and payments are JSON numbers (posiflora.md §6.4)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def api_response(body: Any, status: int = 200) -> httpx.Response:
    if body is None:
        return httpx.Response(status)
    return httpx.Response(status, headers={"Content-Type": MEDIA_TYPE}, content=json_bytes(body))


def error_document(
    status: int,
    title: str,
    detail: str,
    *,
    pointer: str | None = None,
    parameter: str | None = None,
    code: str | None = None,
) -> SimError:
    """posiflora.md §7: every error carries id, status (a string), code, title and detail."""
    error: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "status": str(status),
        "code": code or f"E{status}",
        "title": title,
        "detail": detail,
    }
    if pointer or parameter:
        error["source"] = {"pointer": pointer} if pointer else {"parameter": parameter}
    return SimError(status, {"errors": [error]}, {"Content-Type": MEDIA_TYPE})


def read_body(req: SimRequest, kind: str) -> dict[str, Any]:
    """The ``data`` object of a JSON:API request, or a 400 error document."""
    try:
        body = json.loads(req.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error_document(400, "Invalid JSON", "The request body is not valid JSON.") from exc
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, dict):
        raise error_document(
            400, "Invalid document", "The request has no data object.", pointer="/data"
        )
    if data.get("type") not in (kind, None):
        raise error_document(
            400, "Invalid type", f"Expected a {kind} resource.", pointer="/data/type"
        )
    return data


def page_slice(
    rows: list[Any],
    req: SimRequest,
    *,
    flat: bool,
    default_size: int = 10,
) -> tuple[list[Any], dict[str, Any]]:
    """Honour ``page[number]``/``page[size]``; meta as ``page{}`` or ``pageNumber/pageSize``."""
    number = _positive(req, "page[number]", 1)
    size = _positive(req, "page[size]", default_size)
    chunk = rows[(number - 1) * size : number * size]
    if flat:
        return chunk, {"pageNumber": number, "pageSize": size, "total": len(rows)}
    return chunk, {"page": {"number": number, "size": size}, "total": len(rows)}


def _positive(req: SimRequest, name: str, default: int) -> int:
    raw = req.query.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise error_document(
            400, "Invalid page", f"{name} must be a positive whole number.", parameter=name
        )
    return min(int(raw), 1000) if name == "page[size]" else int(raw)


def ref(kind: str, ident: str | None) -> dict[str, Any]:
    return {"data": None if ident is None else {"type": kind, "id": ident}}


def customer_resource(c: SimCustomer) -> dict[str, Any]:
    average = (c.orders_amount / c.orders_qty).quantize(Decimal("0.01")) if c.orders_qty else 0
    return {
        "type": "customers",
        "id": c.id,
        "attributes": {
            "title": c.title,
            "birthday": None,
            "email": c.email,
            "instagram": None,
            "status": "on",
            "isPerson": True,
            "bonusCard": c.bonus_card,
            "notes": c.notes,
            "averageCheck": average,
            "ordersAmount": c.orders_amount,
            "ordersQty": c.orders_qty,
            "createdAt": stamp(c.created_at),
            "updatedAt": stamp(c.updated_at),
            "spentPoints": c.spent_points,
            "currentPoints": c.current_points,
            "gender": None,
            "phone": c.phone,
            "revision": c.revision,
            "countryCode": c.country_code,
        },
        "relationships": {
            "person": {"data": None},
            # posiflora.md §5.1: the relationship type is the singular "discount-group".
            "discountGroups": {
                "data": [{"type": "discount-group", "id": g} for g in c.discount_group_ids]
            },
            "bonusGroup": ref("bonus-groups", c.bonus_group_id),
            "customerSources": {"data": []},
            "customerPreferences": {"data": []},
            "customerEvents": {"data": []},
        },
        "links": {"self": f"/customers/{c.id}"},
    }


def group_resource(g: SimGroup, kind: str) -> dict[str, Any]:
    attributes: dict[str, Any] = {"title": g.title}
    if kind == "bonus-groups":
        attributes |= {"bonusRate": g.bonus_rate, "limit": g.limit}
    else:
        attributes["discount"] = g.discount
    attributes |= {
        "validFrom": None,
        "validTo": None,
        "entryAmount": g.entry_amount,
        "private": False,
        "status": g.status,
        "updatedAt": "2022-07-25T13:06:36+00:00",
        "activateOnEntry": False,
        "revision": g.revision,
    }
    return {
        "type": kind,
        "id": g.id,
        "attributes": attributes,
        "relationships": {"rules": {"data": []}},
        "links": {"self": f"/{kind}/{g.id}"},
    }


def history_resource(line: SimHistoryLine) -> dict[str, Any]:
    return {
        "type": "customer-bonus-history-lines",
        "id": line.id,
        "attributes": {
            "amount": line.amount,
            "admin": line.admin,
            "createdAt": stamp(line.created_at),
        },
        "relationships": {"order": ref("orders", line.order_id)},
        "links": {"self": f"/customer-bonus-history-lines/{line.id}"},
    }


def order_resource(o: SimOrder, line_ids: Sequence[str] = ()) -> dict[str, Any]:
    """``line_ids``: the order's ``lines`` references, as every order GET shows them (§5.5)."""
    done = o.status == "done"
    return {
        "type": "orders",
        "id": o.id,
        "attributes": {
            "status": o.status,
            "date": o.created_at.date().isoformat(),
            "docNo": o.doc_no,
            "description": "",
            "budget": 0,
            "dueTime": stamp(o.due_time),
            "delivery": o.delivery,
            "deliveryComments": "",
            "deliveryCity": o.delivery_city,
            "deliveryStreet": o.delivery_street,
            "deliveryHouse": "",
            "deliveryApartment": "",
            "deliveryBuilding": "",
            "deliveryTimeFrom": stamp(o.due_time),
            "deliveryTimeTo": stamp(o.due_time + DELIVERY_WINDOW) if o.due_time else None,
            "deliveryContact": "",
            "deliveryPhoneNumber": "",
            "deliveryPhoneCode": "",
            "createdAt": stamp(o.created_at),
            "updatedAt": stamp(o.updated_at),
            "fiscal": False,
            "fiscalized": False,
            "byBonuses": o.bonus_paid > 0,
            "posted": done,
            "cancelComment": None,
            "totalAmount": number(o.total_amount),
            "paymentsAmount": number(o.payments_amount),
            "isExternal": o.status == "notAccepted",
            "externalId": None,
            "deliveryStatus": o.delivery_status,
            "fiscalizedAt": None,
            "revision": o.revision,
        },
        "relationships": {
            "store": ref("stores", o.store_id),
            "customer": ref("customers", o.customer_id),
            "lines": {"data": [{"type": "order-lines", "id": i} for i in line_ids]},
        },
        "links": {"self": f"/orders/{o.id}"},
    }


def store_resource(s: SimStore) -> dict[str, Any]:
    return {
        "type": "stores",
        "id": s.id,
        "attributes": {
            "title": s.title,
            "addressCity": s.city,
            "address": s.address,
            "printLogo": False,
            "printAddress": False,
            "concealmentItems": 1,
            "calculatedAt": None,
            "externalLinkId": s.external_link_id,
            "anotherTitle": None,
            "formDeliveryTimeFormat": "all",
            "revision": 0,
        },
        "relationships": {"timezone": ref("timezones", "7"), "image": {"data": None}},
    }
