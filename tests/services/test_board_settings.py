"""The board's settings: read tolerantly, written back the way they were read."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from app.services.board_settings import (
    BoardSettings,
    read_board_settings,
    write_board_settings,
)
from app.services.config import AppConfig, load_config, save_config
from app.services.live_orders import QuietHours


def _config(tmp_path: Path, sections: dict[str, object]) -> AppConfig:
    return AppConfig(file=tmp_path / "config.toml", sections=dict(sections))


def test_defaults_are_the_portals_thresholds(tmp_path: Path) -> None:
    settings = read_board_settings(_config(tmp_path, {}))
    groups = {g.key: g.late_after for g in settings.status_groups()}
    assert groups["pending"] == timedelta(minutes=10)
    assert groups["preparing"] == groups["ready"] == timedelta(hours=1)
    assert groups["completed"] is None
    assert settings.refresh_seconds == 30 and not settings.muted and settings.quiet_hours is None


def test_values_from_the_file(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        {
            "board": {"refresh_seconds": 45, "pending_late_minutes": 5, "ready_late_minutes": 90},
            "alerts": {"muted": True, "quiet_start": "22:00", "quiet_end": "07:00"},
            "stores": {"names": {"1001": "Main Street"}, "groups": {"North": ["1001", 1002]}},
        },
    )
    settings = read_board_settings(config)
    assert settings.refresh_seconds == 45
    assert settings.late_minutes == {"pending": 5, "preparing": 60, "ready": 90}
    assert settings.quiet_hours == QuietHours(time(22), time(7))
    assert settings.store_name("1001") == "Main Street"
    assert settings.store_name("1009", "Store 1009") == "Store 1009"
    assert settings.store_groups == {"North": ("1001", "1002")}
    late_night = datetime(2026, 3, 14, 23, 30).astimezone(UTC)
    assert settings.hushed(late_night)
    assert not settings.problems


def test_a_bad_value_falls_back_and_names_the_field(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        {
            "board": {"pending_late_minutes": "ten"},
            "alerts": {"quiet_start": "late", "quiet_end": "7"},
        },
    )
    settings = read_board_settings(config)
    assert settings.late_minutes["pending"] == 10
    assert settings.quiet_hours is None
    assert any("[board] pending_late_minutes" in p for p in settings.problems)
    assert any("[alerts] quiet_start" in p and str(config.file) in p for p in settings.problems)


def test_demo_mode_names_and_groups_the_demo_stores(tmp_path: Path) -> None:
    settings = read_board_settings(_config(tmp_path, {}), demo=True)
    assert settings.store_name("1001") == "Main Street"
    assert set(settings.store_groups) == {"Downtown", "Suburbs"}
    own = read_board_settings(_config(tmp_path, {"stores": {"names": {"1001": "Mine"}}}), demo=True)
    assert own.store_name("1001") == "Mine" and own.store_groups == {}


def test_written_settings_read_back_the_same_through_the_file(tmp_path: Path) -> None:
    config = _config(tmp_path, {"other": {"kept": True}})
    wanted = BoardSettings(
        refresh_seconds=60,
        late_minutes={"pending": 15, "preparing": 45, "ready": 30},
        muted=True,
        quiet_hours=QuietHours(time(21, 30), time(6)),
        store_names={"1001": "Main Street"},
        store_groups={"North": ("1001",)},
    )
    write_board_settings(config, wanted)
    save_config(config)
    again = load_config(config.file, None)
    assert read_board_settings(again) == wanted
    assert again.section("other") == {"kept": True}
