"""Settings › Live orders board: what is typed there is what the board reads back."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QLabel

from app.services.board_settings import read_board_settings
from app.services.config import load_config
from app.services.live_boards import live_source_name
from app.services.live_orders import QuietHours
from app.ui.views.orders.settings_panel import make_panel
from tests.ui.helpers import make_context


def test_panel_saves_thresholds_alerts_and_stores(qtbot, counterpart_home: Path) -> None:  # type: ignore[no-untyped-def]
    context = make_context(counterpart_home, demo=True)
    panel = make_panel(context)
    qtbot.addWidget(panel)
    assert panel.late["pending"].value() == 10 and panel.refresh.value() == 30
    assert panel.names.toPlainText() == ""  # demo names are not written into the file
    panel.late["pending"].setValue(7)
    panel.muted.setChecked(True)
    panel.quiet.setChecked(True)
    panel.quiet_start.setTime(QTime(21, 0))
    panel.quiet_end.setTime(QTime(6, 30))
    panel.names.setPlainText("1001 = Main Street\nnot a line\n1002 = Riverside")
    panel.groups.setPlainText("North: 1001, 1002\nSouth: 1003")
    panel.save_button.click()
    saved = read_board_settings(load_config(context.config.file, None))
    assert saved.late_minutes["pending"] == 7
    assert saved.muted and saved.quiet_hours == QuietHours(time(21), time(6, 30))
    assert saved.store_names == {"1001": "Main Street", "1002": "Riverside"}
    assert saved.store_groups == {"North": ("1001", "1002"), "South": ("1003",)}
    assert "saved" in context.messages.history[-1].text


def test_a_saved_refresh_interval_applies_without_a_restart(qtbot, qloop, demo_runtime) -> None:  # type: ignore[no-untyped-def]
    name = live_source_name("vroom")
    scheduler = demo_runtime.scheduler
    assert scheduler.next_delay(name) == timedelta(seconds=30)
    # Settings as the registry builds it today (no runtime): the board's next tick applies it.
    panel = make_panel(demo_runtime.context)
    qtbot.addWidget(panel)
    hint = " ".join(label.text() for label in panel.findChildren(QLabel))
    assert "no restart needed" in hint and "next time Counterpart starts" not in hint
    panel.refresh.setValue(45)
    panel.save_button.click()
    qloop.run_until_complete(scheduler.refresh_now(name))
    assert scheduler.next_delay(name) == timedelta(seconds=45)
    # Given the running runtime, Save hands the interval over at once.
    with_runtime = make_panel(demo_runtime.context, demo_runtime)
    qtbot.addWidget(with_runtime)
    assert with_runtime.refresh.value() == 45
    with_runtime.refresh.setValue(12)
    with_runtime.save_button.click()
    assert scheduler.next_delay(name) == timedelta(seconds=12)
