"""Query parameters exactly as the OpenAPI file names them (posiflora.md §4.1, §4.2, §4.4)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

Params = list[tuple[str, str]]

CUSTOMER_INCLUDES = (
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
STATS_RANGES = ("day", "week", "month", "year", "custom")
PERIOD_FORMATS = ("year", "month", "week", "day")


def wire_datetime(moment: datetime) -> str:
    """UTC with an explicit offset, as the server answers (posiflora.md §6.3)."""
    if moment.tzinfo is None:
        raise ValueError("a date-time sent to Posiflora must carry its time zone")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def wire_bool(value: bool) -> str:
    return "true" if value else "false"


def add(params: Params, name: str, value: object) -> None:
    """Append one scalar parameter; ``None`` is left out."""
    if value is None:
        return
    if isinstance(value, bool):
        params.append((name, wire_bool(value)))
    elif isinstance(value, datetime):
        params.append((name, wire_datetime(value)))
    elif isinstance(value, date):
        params.append((name, value.isoformat()))
    else:
        params.append((name, str(value)))


def add_array(params: Params, name: str, values: Iterable[str] | None) -> None:
    """An array as ``name[]=a&name[]=b``: the backend is PHP (posiflora.md §3 "Array-valued")."""
    for value in values or ():
        params.append((f"{name}[]", value))


def include_param(includes: Sequence[str]) -> str:
    """``include`` is comma-separated (posiflora.md §3 "include")."""
    unknown = [item for item in includes if item not in CUSTOMER_INCLUDES]
    if unknown:
        raise ValueError(f"Posiflora cannot include {', '.join(unknown)} with a customer")
    return ",".join(includes)


@dataclass(frozen=True, slots=True)
class CustomerFilters:
    """The documented filters of ``GET /v1/customers``; ``None`` means not filtered."""

    updated_after: datetime | None = None  # from
    bonus_group_id: str | None = None  # filter[idBonus]
    discount_group_id: str | None = None  # filter[discount]
    created_by: str | None = None
    orders_count_from: int | None = None
    orders_count_to: int | None = None
    points_from: int | None = None  # filter[moreBonus]
    points_to: int | None = None  # filter[lessBonus]
    average_check_from: int | None = None  # filter[moreAvg]
    average_check_to: int | None = None  # filter[lessAvg]
    registered_from: date | None = None  # filter[create][from]
    registered_to: date | None = None
    birthday_from: date | None = None
    birthday_to: date | None = None
    bought_from: date | None = None  # filter[buy][from]
    bought_to: date | None = None
    is_person: bool | None = None
    gender: str | None = None
    updated_from: date | None = None  # filter[updatedAt][from]
    updated_to: date | None = None
    min_revision: int | None = None

    def params(self) -> Params:
        p: Params = []
        add(p, "from", self.updated_after)
        add(p, "filter[idBonus]", self.bonus_group_id)
        add(p, "filter[createdBy]", self.created_by)
        add(p, "filter[ordersCount][from]", self.orders_count_from)
        add(p, "filter[ordersCount][to]", self.orders_count_to)
        add(p, "filter[discount]", self.discount_group_id)
        add(p, "filter[moreBonus]", self.points_from)
        add(p, "filter[lessBonus]", self.points_to)
        add(p, "filter[moreAvg]", self.average_check_from)
        add(p, "filter[lessAvg]", self.average_check_to)
        add(p, "filter[create][from]", self.registered_from)
        add(p, "filter[create][to]", self.registered_to)
        add(p, "filter[birthday][from]", self.birthday_from)
        add(p, "filter[birthday][to]", self.birthday_to)
        add(p, "filter[buy][from]", self.bought_from)
        add(p, "filter[buy][to]", self.bought_to)
        add(p, "filter[isPerson]", self.is_person)
        if self.gender is not None and self.gender not in ("male", "female"):
            raise ValueError("Posiflora filters gender by male or female only")
        add(p, "filter[gender]", self.gender)
        add(p, "filter[updatedAt][from]", self.updated_from)
        add(p, "filter[updatedAt][to]", self.updated_to)
        add(p, "filter[revision]", self.min_revision)
        return p


@dataclass(frozen=True, slots=True)
class OrderFilters:
    """The ``GET /v1/orders`` filters the app uses (posiflora.md §4.2)."""

    statuses: Sequence[str] = ()
    store_ids: Sequence[str] = ()
    customer_id: str | None = None
    search: str | None = None
    due_from: datetime | None = None  # filter[dueTime][from]
    due_to: datetime | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    updated_from: datetime | None = None
    delivery: bool | None = None
    with_returned: bool | None = None
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    min_revision: int | None = None
    add_meta_statuses: bool = False

    def params(self) -> Params:
        p: Params = []
        add(p, "filter[customer]", self.customer_id)
        add(p, "filter[dueTime][from]", self.due_from)
        add(p, "filter[dueTime][to]", self.due_to)
        add(p, "filter[createdAt][from]", self.created_from)
        add(p, "filter[createdAt][to]", self.created_to)
        add(p, "filter[updatedAt][from]", self.updated_from)
        add_array(p, "filter[statuses]", self.statuses)
        add_array(p, "filter[stores]", self.store_ids)
        add(p, "search", self.search)
        add(p, "filter[delivery]", self.delivery)
        add(p, "filter[amount][min]", self.min_amount)
        add(p, "filter[amount][max]", self.max_amount)
        if self.add_meta_statuses:
            add(p, "addMetaStatuses", True)
        add(p, "filter[withReturned]", self.with_returned)
        add(p, "filter[revision]", self.min_revision)
        return p


def stats_params(range_: str, start: datetime | None = None, end: datetime | None = None) -> Params:
    """``filter[range]`` is required; from/to only mean something with ``custom``."""
    if range_ not in STATS_RANGES:
        raise ValueError(f"stats range must be one of {', '.join(STATS_RANGES)}")
    if range_ == "custom" and (start is None or end is None):
        raise ValueError("a custom stats range needs a start and an end")
    p: Params = [("filter[range]", range_)]
    add(p, "filter[rangeFrom]", start)
    add(p, "filter[rangeTo]", end)
    return p
