"""The daily review's tables as text, the way a spreadsheet should read them.

One function per table; the reports view shows them (sortable) and exports them as CSV, and the
``export sales-by-product`` / ``export transactions`` commands write the same tables.
Money is a plain decimal ("12.50"), times ISO 8601 with their offset, dates ISO.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal

from app.domain.money import to_cents
from app.domain.review import Review
from app.domain.review_demand import missed_searches
from app.domain.review_figures import adjustment, net_tip
from app.services.exports import ReportTable


def money(amount: Decimal | None) -> str:
    return "" if amount is None else str(to_cents(amount))


def when(moment: datetime | date | None) -> str:
    if moment is None:
        return ""
    return moment.isoformat()


def whole(value: int | None) -> str:
    return "" if value is None else str(value)


ORDER_HEADERS = (
    "order id", "placed", "store id", "store", "order type", "sales channel", "customer",
    "status", "canceled", "cancelation reason", "items", "total", "adjustments", "net tip",
    "promo discount", "loyalty discount", "net remit", "new customer",
)  # fmt: skip


def orders_table(review: Review, names: Mapping[str, str] | None = None) -> ReportTable:
    names = names or {}
    rows = [
        [
            o.id,
            when(o.placed_at),
            o.store_id,
            names.get(o.store_id, ""),
            o.order_type or "",
            o.sales_channel or "",
            o.customer_name or "",
            o.status.value,
            "yes" if o.canceled else "no",
            o.cancelation_reason or "",
            str(sum(line.quantity for line in o.items)),
            money(o.totals.total),
            money(adjustment(o)),
            money(net_tip(o)),
            money(o.discounts.promotion_code_final_discount),
            money(o.discounts.loyalty_final_discount),
            money(o.totals.net_remit),
            "yes" if o.is_new_customer else "no",
        ]
        for o in review.orders
    ]
    return ReportTable(ORDER_HEADERS, rows, list(review.notes))


SALES_HEADERS = ("upc or plu", "product", "category", "units sold", "total sales")


def sales_table(review: Review) -> ReportTable:
    rows = [
        [
            s.upc_or_plu or "",
            s.title or "",
            s.category or "",
            whole(s.units_sold),
            money(s.total_sales),
        ]
        for s in review.sales
    ]
    return ReportTable(SALES_HEADERS, rows, list(review.notes))


TRANSACTION_HEADERS = (
    "transaction id", "time", "store id", "type", "amount", "order id", "payout id",
    "deposit status", "estimated deposit", "details",
)  # fmt: skip


def transactions_table(review: Review) -> ReportTable:
    ordered = sorted(review.transactions, key=lambda t: (when(t.time), t.transaction_id or ""))
    rows = [
        [
            t.transaction_id or "",
            when(t.time),
            t.store_id or "",
            t.type or "",
            money(t.amount),
            t.source_order_id or "",
            t.payout_id or "",
            t.deposit_status or "",
            when(t.estimated_deposit),
            t.additional_details or "",
        ]
        for t in ordered
    ]
    return ReportTable(TRANSACTION_HEADERS, rows, list(review.notes))


SEARCH_HEADERS = ("term", "searches", "no results", "not clicked", "searchers", "last searched")


def searches_table(review: Review) -> ReportTable:
    rows = [
        [
            m.term,
            str(m.searches),
            str(m.no_results),
            str(m.unclicked),
            str(m.searchers),
            when(m.last_searched),
        ]
        for m in missed_searches(review.searches)
    ]
    return ReportTable(SEARCH_HEADERS, rows, list(review.notes))


AUDIT_HEADERS = ("time", "store id", "action", "user", "details")


def audit_table(review: Review) -> ReportTable:
    ordered = sorted(review.audit, key=lambda a: when(a.created_at))
    rows = [
        [
            when(a.created_at),
            a.store_id or "",
            a.action or "",
            a.user or "",
            a.additional_details or "",
        ]
        for a in ordered
    ]
    return ReportTable(AUDIT_HEADERS, rows, list(review.notes))
