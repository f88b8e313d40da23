"""The Qt binding itself must not corrupt reference counts: a till PC runs for days."""

from __future__ import annotations

import sys

from pytestqt.qtbot import QtBot
from PySide6.QtWidgets import QLabel


def test_qt_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 lost a reference to None on each such call; on Python 3.11, where None is
    # not yet immortal, the process aborted after a few thousand label updates.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("12 orders waiting")
        label.setVisible(False)
    # A handful of references come and go with caches; the bug cost one per call (-4000 here).
    assert abs(sys.getrefcount(None) - before) < 50
