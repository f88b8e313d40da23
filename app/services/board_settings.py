"""The board's preferences: [board] thresholds and refresh, [alerts] mute and quiet hours,
[stores] names and groups.

The reader is tolerant: a value that cannot be used falls back to its default and is listed in
``problems`` (file, section, field), so a typo never keeps the counter's board from opening.

```toml
[board]
refresh_seconds = 30
pending_late_minutes = 10
preparing_late_minutes = 60
ready_late_minutes = 60

[alerts]
muted = false
quiet_start = "22:00"   # both empty: no quiet hours
quiet_end = "07:00"

[stores.names]
1001 = "Main Street"

[stores.groups]
Downtown = ["1001", "1002"]
```
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from app.domain.orders_board import StatusGroup, portal_status_groups
from app.services.config import AppConfig
from app.services.live_orders_alerts import QuietHours

log = logging.getLogger("counterpart.board_settings")

DEFAULT_REFRESH_SECONDS = 30
MIN_REFRESH_SECONDS = 10  # one reporting account; faster gains nothing at the counter
DEFAULT_LATE_MINUTES = {"pending": 10, "preparing": 60, "ready": 60}


@dataclass(frozen=True)
class BoardSettings:
    refresh_seconds: int = DEFAULT_REFRESH_SECONDS
    late_minutes: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LATE_MINUTES))
    muted: bool = False
    quiet_hours: QuietHours | None = None
    store_names: dict[str, str] = field(default_factory=dict)
    store_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    def status_groups(self) -> list[StatusGroup]:
        minutes = self.late_minutes
        return portal_status_groups(
            pending_late_after=timedelta(minutes=minutes["pending"]),
            preparing_late_after=timedelta(minutes=minutes["preparing"]),
            ready_late_after=timedelta(minutes=minutes["ready"]),
        )

    def store_name(self, store_id: str, fallback: str | None = None) -> str:
        return self.store_names.get(store_id) or fallback or store_id

    def hushed(self, now: datetime) -> bool:
        return self.muted or (self.quiet_hours is not None and self.quiet_hours.contains(now))


class _Reader:
    def __init__(self, config: AppConfig) -> None:
        self.config = config
        self.problems: list[str] = []

    def problem(self, section: str, name: str, text: str) -> None:
        line = f"{self.config.file}: [{section}] {name}: {text}; using the default"
        log.warning("%s", line)
        self.problems.append(line)

    def whole(self, section: str, name: str, default: int, low: int, high: int) -> int:
        value = self.config.section(section).get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(section, name, f"must be a whole number from {low} to {high}")
            return default
        return value

    def clock_time(self, name: str) -> time | None:
        value = self.config.section("alerts").get(name, "")
        if value in ("", None):
            return None
        try:
            return time.fromisoformat(str(value))
        except ValueError:
            self.problem("alerts", name, 'must be a time such as "22:00"')
            return None


def read_board_settings(config: AppConfig, *, demo: bool = False) -> BoardSettings:
    """The board's settings from the file; in demo mode, unnamed demo stores get demo names."""
    reader = _Reader(config)
    refresh = reader.whole("board", "refresh_seconds", DEFAULT_REFRESH_SECONDS, 10, 3600)
    late = {
        key: reader.whole("board", f"{key}_late_minutes", default, 1, 24 * 60)
        for key, default in DEFAULT_LATE_MINUTES.items()
    }
    muted = config.section("alerts").get("muted", False)
    if not isinstance(muted, bool):
        reader.problem("alerts", "muted", "must be true or false")
        muted = False
    start, end = reader.clock_time("quiet_start"), reader.clock_time("quiet_end")
    quiet = QuietHours(start, end) if start is not None and end is not None else None
    names, groups = _stores(config.section("stores"), reader)
    if demo and not names and not groups:
        names, groups = demo_stores()
    return BoardSettings(refresh, late, muted, quiet, names, groups, tuple(reader.problems))


def _stores(
    table: dict[str, Any], reader: _Reader
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    raw_names = table.get("names", {})
    raw_groups = table.get("groups", {})
    if not isinstance(raw_names, dict):
        reader.problem("stores", "names", 'must be a table such as 1001 = "Main Street"')
        raw_names = {}
    if not isinstance(raw_groups, dict):
        reader.problem("stores", "groups", 'must be a table such as Downtown = ["1001"]')
        raw_groups = {}
    names = {str(k): str(v).strip() for k, v in raw_names.items() if str(v).strip()}
    groups: dict[str, tuple[str, ...]] = {}
    for group, ids in raw_groups.items():
        if isinstance(ids, list):
            groups[str(group)] = tuple(str(i).strip() for i in ids if str(i).strip())
        else:
            reader.problem("stores.groups", str(group), 'must be a list such as ["1001"]')
    return names, groups


def demo_stores() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """The demo Vroom account's stores, named, split into two groups for the group filter."""
    from app.vendors.simulators.vroom_data import BRANDS, make_stores

    stores = make_stores(DEMO_VROOM_STORES, DEMO_VROOM_SEED)
    # One brand throughout: the town alone reads faster at the counter.
    names = {s.site_id: _without_brand(s.name, BRANDS) for s in stores}
    half = len(stores) // 2
    groups = {
        "Downtown": tuple(s.site_id for s in stores[:half]),
        "Suburbs": tuple(s.site_id for s in stores[half:]),
    }
    return names, groups


def _without_brand(name: str, brands: tuple[str, ...]) -> str:
    brand = next((b for b in brands if name.startswith(b + " ")), "")
    return name[len(brand) :].strip() or name


DEMO_VROOM_SEED = 7
DEMO_VROOM_STORES = 6


def write_board_settings(config: AppConfig, settings: BoardSettings) -> None:
    """Put ``settings`` into the config's [board], [alerts] and [stores] tables (not saved)."""
    board = dict(config.section("board"))
    board["refresh_seconds"] = settings.refresh_seconds
    for key, minutes in settings.late_minutes.items():
        board[f"{key}_late_minutes"] = minutes
    alerts = dict(config.section("alerts"))
    alerts["muted"] = settings.muted
    quiet = settings.quiet_hours
    alerts["quiet_start"] = quiet.start.strftime("%H:%M") if quiet else ""
    alerts["quiet_end"] = quiet.end.strftime("%H:%M") if quiet else ""
    config.sections["board"] = board
    config.sections["alerts"] = alerts
    stores = dict(config.section("stores"))
    stores["names"] = dict(settings.store_names)
    stores["groups"] = {k: list(v) for k, v in settings.store_groups.items()}
    config.sections["stores"] = stores
