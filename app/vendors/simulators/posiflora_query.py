"""Reading the Posiflora simulator's query parameters; bad values answer an error document."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.vendors.simulators.posiflora_views import error_document
from app.vendors.simulators.request import SimRequest


def bad(name: str, what: str) -> Exception:
    return error_document(400, "Invalid parameter", f"{name} must be {what}.", parameter=name)


def int_param(req: SimRequest, name: str) -> int | None:
    raw = req.query.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise bad(name, "a whole number") from None


def bool_param(req: SimRequest, name: str) -> bool | None:
    raw = req.query.get(name)
    if raw is None or raw == "":
        return None
    if raw.lower() in ("true", "1"):
        return True
    if raw.lower() in ("false", "0"):
        return False
    raise bad(name, "true or false")


def when_param(req: SimRequest, name: str) -> datetime | None:
    """posiflora.md §6.3: accept ``Z``, offsets, a space separator and plain dates."""
    raw = req.query.get(name)
    if raw is None or raw == "":
        return None
    text = raw.strip().replace(" ", "T", 1)
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise bad(name, "a date or date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def day_param(req: SimRequest, name: str) -> date | None:
    moment = when_param(req, name)
    return None if moment is None else moment.date()


def list_param(req: SimRequest, name: str) -> list[str]:
    """Arrays as ``x=a&x=b``, ``x[]=a`` or ``x=a,b`` (posiflora.md §3 "Array-valued")."""
    values: list[str] = []
    for raw in req.query_list(name):
        values.extend(part for part in raw.split(",") if part)
    return values


def enum_list(req: SimRequest, name: str, allowed: tuple[str, ...]) -> list[str]:
    values = list_param(req, name)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise bad(name, "one of " + ", ".join(allowed))
    return values
