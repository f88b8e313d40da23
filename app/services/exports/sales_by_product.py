"""``export sales-by-product``: Vroom's sales per product over the days asked (default yesterday).

With a store or group, sales are worked out from the orders' lines (Vroom's report has no split by
store); otherwise they are Vroom's own report, day by day, added up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.services.exports import ReportRequest, ReportTable
from app.services.review_request import review_for_request
from app.services.review_tables import SALES_HEADERS, sales_table

if TYPE_CHECKING:
    from app.services.runtime import Runtime


async def build(runtime: Runtime, request: ReportRequest) -> ReportTable:
    if "vroom" not in runtime.links:
        return ReportTable(SALES_HEADERS, [], ["Vroom is not connected: there are no sales."])
    return sales_table(await review_for_request(runtime, request))
