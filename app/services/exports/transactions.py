"""``export transactions``: Vroom's payments, fees and refunds with their payout and deposit date.

Vroom cannot filter transactions by store (vroom-and-endless-aisles.md §A6.7); a ``--store`` is
applied to the rows afterwards, by their site id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.services.exports import ReportRequest, ReportTable
from app.services.review_request import review_for_request
from app.services.review_tables import TRANSACTION_HEADERS, transactions_table

if TYPE_CHECKING:
    from app.services.runtime import Runtime


async def build(runtime: Runtime, request: ReportRequest) -> ReportTable:
    if "vroom" not in runtime.links:
        return ReportTable(TRANSACTION_HEADERS, [], ["Vroom is not connected: no transactions."])
    return transactions_table(await review_for_request(runtime, request))
