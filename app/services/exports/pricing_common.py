"""What the inventory and bouquet exports share: a fresh-enough cache and money as text."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from app.domain.pricing import Margin
from app.vendors import display_name

if TYPE_CHECKING:
    from app.services.runtime import Runtime

FRESH_ENOUGH = timedelta(minutes=15)


async def refresh_note(runtime: Runtime, vendor: str, source: str, resource: str) -> list[str]:
    """Refresh an old cache first; a note when the vendor could not be reached."""
    age = await runtime.cache.age(vendor, resource)
    if age is not None and age <= FRESH_ENOUGH:
        return []
    if source not in {s.name for s in runtime.scheduler.sources}:
        return []
    result = await runtime.scheduler.refresh_now(source)
    if result.ok:
        return []
    fetched = await runtime.cache.fetched_at(vendor, resource)
    when = fetched.isoformat() if fetched else "never"
    return [
        f"{display_name(vendor)} could not be reached ({result.error}); {source} from the "
        f"cache, last updated {when}."
    ]


def money(amount: Decimal | None) -> str:
    return "" if amount is None else f"{amount:.2f}"


def margin_cells(found: Margin | None) -> list[str]:
    if found is None:
        return ["", ""]
    return [money(found.amount), "" if found.percent is None else str(found.percent)]


def store_matches(wanted: str | None, store_id: str, store_title: str) -> bool:
    return not wanted or wanted in (store_id, store_title)
