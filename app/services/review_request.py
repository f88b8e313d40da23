"""A review for the command line and the exports: dates and a store (or store group) by name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from app.domain.daily_review import ReviewPeriod
from app.domain.review import Review
from app.services.board_settings import read_board_settings
from app.services.daily_review import review_service
from app.services.exports import ReportRequest

if TYPE_CHECKING:
    from app.services.runtime import Runtime


@dataclass(frozen=True)
class StoreChoice:
    """Which stores a review covers: None = all; a group's or one store's ids otherwise."""

    label: str
    store_ids: frozenset[str] | None = None


def local_zone() -> tzinfo:
    """The PC's own time zone: the shop's day starts at the shop's midnight."""
    zone = datetime.now(UTC).astimezone().tzinfo
    return zone if zone is not None else UTC


def request_period(request: ReportRequest, zone: tzinfo, now: datetime) -> ReviewPeriod:
    """``--from``/``--to`` as whole days; either missing means the other, both missing yesterday."""
    yesterday = now.astimezone(zone).date() - timedelta(days=1)
    last: date = request.date_to or request.date_from or yesterday
    first: date = request.date_from or last
    return ReviewPeriod(first, last, zone)


def store_choice(runtime: Runtime, name: str | None) -> StoreChoice:
    """A store id, a store's configured name or a group name (``[stores]`` in the settings)."""
    if not name:
        return StoreChoice("All stores")
    settings = read_board_settings(runtime.context.config, demo=runtime.demo)
    wanted = name.strip().casefold()
    for group, ids in settings.store_groups.items():
        if group.casefold() == wanted:
            return StoreChoice(group, frozenset(ids))
    for store_id, label in settings.store_names.items():
        if wanted in (store_id.casefold(), label.casefold()):
            return StoreChoice(label, frozenset({store_id}))
    return StoreChoice(name, frozenset({name.strip()}))


async def review_for_request(runtime: Runtime, request: ReportRequest) -> Review:
    """Fetch what is missing for the request's days (cache first) and narrow to its store."""
    service = review_service(runtime)
    period = request_period(request, local_zone(), service.clock())
    data = await service.load(period)
    return data.review(store_choice(runtime, request.store).store_ids)
