"""Posiflora simulator: customers, bonus history, groups and customer stats."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from app.vendors.simulators.harness import SimRequest, route
from app.vendors.simulators.posiflora_data import SimCustomer
from app.vendors.simulators.posiflora_query import bad, day_param, int_param, when_param
from app.vendors.simulators.posiflora_state import PosifloraState
from app.vendors.simulators.posiflora_views import (
    api_response,
    customer_resource,
    error_document,
    group_resource,
    history_resource,
    page_slice,
    read_body,
)

INCLUDES = (
    "person",
    "bonusGroup",
    "bonusGroup.rules",
    "discountGroups",
    "discountGroups.rules",
    "customerSources",
    "customerPreferences",
    "customerEvents",
    "createdBy",
)
EDITABLE = ("title", "phone", "email", "notes", "bonusCard", "birthday", "instagram", "gender")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _average(c: SimCustomer) -> Decimal:
    return c.orders_amount / c.orders_qty if c.orders_qty else Decimal(0)


def _matches_search(c: SimCustomer, term: str, digits: str) -> bool:
    """posiflora.md §4.1: ``search`` looks at name, phone and bonus card number."""
    if term in c.title.casefold() or term == c.bonus_card.casefold():
        return True
    return len(digits) >= 3 and digits in f"{c.country_code}{c.phone}"


def _points(c: SimCustomer) -> Decimal:
    return Decimal(c.current_points)


def _orders(c: SimCustomer) -> Decimal:
    return Decimal(c.orders_qty)


def _revision(c: SimCustomer) -> Decimal:
    return Decimal(c.revision)


# posiflora.md §4.1: min/max filters on balance, average check, orders count and revision.
_BOUNDS: tuple[tuple[str, Callable[[SimCustomer], Decimal], int], ...] = (
    ("filter[moreBonus]", _points, 1),
    ("filter[lessBonus]", _points, -1),
    ("filter[moreAvg]", _average, 1),
    ("filter[lessAvg]", _average, -1),
    ("filter[ordersCount][from]", _orders, 1),
    ("filter[ordersCount][to]", _orders, -1),
    ("filter[revision]", _revision, 1),
)


class CustomerRoutes(PosifloraState):
    """The customer endpoints, faithful to their OpenAPI paths and parameters."""

    def customer_or_404(self, ident: str) -> SimCustomer:
        found = self.customers.get(ident)
        if found is None:
            raise error_document(404, "Not found", f"Customer {ident} does not exist.")
        return found

    def _includes(self, req: SimRequest) -> list[str]:
        values = [v for v in req.query.get("include", "").split(",") if v]
        if any(v not in INCLUDES for v in values):
            raise bad("include", "a comma-separated list of " + ", ".join(INCLUDES))
        return values

    def _included(self, customers: list[SimCustomer], includes: list[str]) -> list[dict[str, Any]]:
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for c in customers:
            group = self.bonus_group(c.bonus_group_id)
            if "bonusGroup" in includes and group is not None:
                found[("bonus-groups", group.id)] = group_resource(group, "bonus-groups")
            for gid in c.discount_group_ids if "discountGroups" in includes else ():
                dgroup = self.discount_group(gid)
                if dgroup is not None:
                    found[("discount-groups", gid)] = group_resource(dgroup, "discount-groups")
        return list(found.values())

    def _filtered(self, req: SimRequest) -> list[SimCustomer]:
        rows = list(self.customers.values())
        term = req.query.get("search", "").strip().casefold()
        if term:
            digits = re.sub(r"\D", "", term)
            rows = [c for c in rows if _matches_search(c, term, digits)]
        if "filter[idBonus]" in req.query:
            rows = [c for c in rows if c.bonus_group_id == req.query["filter[idBonus]"]]
        if "filter[discount]" in req.query:
            rows = [c for c in rows if req.query["filter[discount]"] in c.discount_group_ids]
        for name, value_of, sign in _BOUNDS:
            limit = int_param(req, name)
            if limit is not None:
                rows = [c for c in rows if (value_of(c) - limit) * sign >= 0]
        updated_after = when_param(req, "from")
        if updated_after is not None:
            rows = [c for c in rows if c.updated_at > updated_after]
        return rows

    @route("GET", "/v1/customers")
    def list_customers(self, req: SimRequest) -> Any:
        includes = self._includes(req)
        rows = self._filtered(req)
        chunk, meta = page_slice(rows, req, flat=False)
        meta |= {
            "qtyAllCustomers": len(self.customers),
            "qtyActiveCustomers": len(self.customers),
            "avgAmountActiveCustomers": 0,
        }
        body: dict[str, Any] = {"data": [customer_resource(c) for c in chunk], "meta": meta}
        if includes:
            body["included"] = self._included(chunk, includes)
        return api_response(body)

    @route("GET", "/v1/customers/{id}")
    def get_customer(self, req: SimRequest) -> Any:
        return self._one(req, self.customer_or_404(req.params["id"]))

    def _one(self, req: SimRequest, customer: SimCustomer) -> Any:
        includes = self._includes(req)
        body: dict[str, Any] = {"data": customer_resource(customer), "meta": {"last_order": None}}
        if includes:
            body["included"] = self._included([customer], includes)
        return api_response(body)

    @route("PATCH", "/v1/customers/{id}")
    def update_customer(self, req: SimRequest) -> Any:
        customer = self.customer_or_404(req.params["id"])
        data = read_body(req, "customers")
        if data.get("id") not in (None, customer.id):
            raise error_document(
                400, "Id mismatch", "data.id does not match the URL.", pointer="/data/id"
            )
        attrs = data.get("attributes") or {}
        _validate_contact(attrs)
        for key, field in (
            ("title", "title"),
            ("phone", "phone"),
            ("email", "email"),
            ("notes", "notes"),
            ("bonusCard", "bonus_card"),
        ):
            if key in attrs:
                setattr(customer, field, str(attrs[key] or ""))
        customer.updated_at = self.now()
        customer.revision = self.next_revision()
        return self._one(req, customer)

    @route("GET", "/v1/customers/{id}/bonus-history")
    def bonus_history(self, req: SimRequest) -> Any:
        self.customer_or_404(req.params["id"])
        rows = self.history(req.params["id"])
        chunk, meta = page_slice(rows, req, flat=True)  # posiflora.md §5.1: pageNumber/pageSize
        return api_response({"meta": meta, "data": [history_resource(x) for x in chunk]})

    @route("GET", "/v1/bonus-groups")
    def list_bonus_groups(self, req: SimRequest) -> Any:
        return self._groups(req, "bonus-groups")

    @route("GET", "/v1/discount-groups")
    def list_discount_groups(self, req: SimRequest) -> Any:
        return self._groups(req, "discount-groups")

    def _groups(self, req: SimRequest, kind: str) -> Any:
        groups = self.bonus_groups if kind == "bonus-groups" else self.discount_groups
        chunk, meta = page_slice(groups, req, flat=True)
        meta["revision"] = max((g.revision for g in groups), default=0)
        return api_response({"meta": meta, "data": [group_resource(g, kind) for g in chunk]})

    @route("GET", "/v1/bonus-groups/{id}")
    def get_bonus_group(self, req: SimRequest) -> Any:
        return self._group(req, "bonus-groups")

    @route("GET", "/v1/discount-groups/{id}")
    def get_discount_group(self, req: SimRequest) -> Any:
        return self._group(req, "discount-groups")

    def _group(self, req: SimRequest, kind: str) -> Any:
        if not req.params["id"].isdigit():  # the path id is declared an integer (§8 item 8)
            raise bad("id", "a whole number")
        groups = self.bonus_groups if kind == "bonus-groups" else self.discount_groups
        group = next((g for g in groups if g.id == req.params["id"]), None)
        if group is None:
            raise error_document(404, "Not found", f"Group {req.params['id']} does not exist.")
        return api_response({"data": group_resource(group, kind)})

    @route("GET", "/v1/customers/import/{id}/stats")
    def customer_stats(self, req: SimRequest) -> Any:
        """posiflora.md §4 row 15: per-customer stats really live under ``import``."""
        customer = self.customer_or_404(req.params["id"])
        period = req.query.get("filter[format]", "week")
        if period not in ("year", "month", "week", "day"):
            raise bad("filter[format]", "year, month, week or day")
        end = day_param(req, "filter[endDate]") or self.now().date()
        start = day_param(req, "filter[startDate]") or end - timedelta(days=28)
        step = {"day": 1, "week": 7, "month": 30, "year": 365}[period]
        rows, moment, n = [], start, 1
        while moment <= end and n <= 400:
            amount = sum(
                int(o.total_amount)
                for o in self.orders.values()
                if o.customer_id == customer.id
                and o.status == "done"
                and moment <= o.created_at.date() < moment + timedelta(days=step)
            )
            rows.append(
                {
                    "type": "customer-stats",
                    "id": str(n),
                    "attributes": {"date": moment.isoformat(), "amount": amount},
                    "links": {"self": f"/customer-stats/{n}"},
                }
            )
            moment, n = moment + timedelta(days=step), n + 1
        return api_response({"meta": {"total": len(rows), "format": period}, "data": rows})


def _validate_contact(attrs: dict[str, Any]) -> None:
    unknown = [
        key
        for key in attrs
        if key not in EDITABLE and key not in ("createdAt", "itn", "countryCode")
    ]
    if unknown:
        raise error_document(
            422,
            "Unknown attribute",
            f"{unknown[0]} cannot be changed.",
            pointer=f"/data/attributes/{unknown[0]}",
        )
    email = attrs.get("email")
    if email and not _EMAIL.fullmatch(str(email)):
        raise error_document(
            422,
            "Invalid email",
            "This value is not a valid email address.",
            pointer="/data/attributes/email",
        )
    phone = attrs.get("phone")
    if phone is not None and not re.fullmatch(r"\d{5,15}", str(phone)):
        raise error_document(
            422,
            "Invalid phone",
            "The phone must be 5 to 15 digits.",
            pointer="/data/attributes/phone",
        )
