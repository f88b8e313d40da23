"""The main window: navigation, demo banner, remembered geometry and view, first loads."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from app import version
from app.ui.main_window import MainWindow
from app.ui.views.base import BaseView
from app.ui.views.registry import VIEW_KEYS
from tests.ui.helpers import make_context


def test_navigation_shows_each_view_in_the_contract_order(
    qtbot: QtBot, counterpart_home: Path
) -> None:
    window = MainWindow(make_context(counterpart_home))
    qtbot.addWidget(window)
    assert [v.key for v in window.views] == list(VIEW_KEYS)
    for row, key in enumerate(VIEW_KEYS):
        item = window.navigation.item(row)
        rect = window.navigation.visualItemRect(item)
        qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.stack.currentWidget() is window.view(key)
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Up)
    assert window.current_view().key == "outbox"


def test_demo_banner_only_in_demo_mode(qtbot: QtBot, counterpart_home: Path) -> None:
    demo = MainWindow(make_context(counterpart_home, demo=True))
    qtbot.addWidget(demo)
    demo.show()
    assert demo.banner.isVisible()
    assert "Demo data" in demo.banner.text()
    assert "demo" in demo.windowTitle()
    real = MainWindow(make_context(counterpart_home / "other", demo=False))
    qtbot.addWidget(real)
    real.show()
    assert not real.banner.isVisible()


def test_geometry_and_last_view_are_remembered(qtbot: QtBot, counterpart_home: Path) -> None:
    window = MainWindow(make_context(counterpart_home))
    qtbot.addWidget(window)
    window.show()
    window.resize(1000, 700)
    window.show_view("customers")
    window.close()
    again = MainWindow(make_context(counterpart_home))
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (1000, 700)
    assert again.current_view().key == "customers"
    assert (counterpart_home / "ui-state.ini").exists()


class FailingView(BaseView):
    key = "broken"
    title = "Broken"

    async def load(self) -> None:
        raise RuntimeError("cache file unreadable")


def test_a_view_whose_first_load_fails_reports_it_without_taking_others_down(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, counterpart_home: Path
) -> None:
    ok, broken = BaseView(), FailingView()
    window = MainWindow(make_context(counterpart_home), views=[ok, broken])
    qtbot.addWidget(window)
    qloop.run_until_complete(window.start_first_loads())
    assert ok.loaded and ok.load_error is None
    assert broken.loaded
    assert broken.load_error == "The Broken view could not load: cache file unreadable"
    qloop.run_until_complete(window.shutdown())


def test_about_opens_with_version_and_licenses(qtbot: QtBot, counterpart_home: Path) -> None:
    window = MainWindow(make_context(counterpart_home))
    qtbot.addWidget(window)
    window.show()
    about_link = window.findChild(QPushButton, "aboutLink")
    assert about_link is not None
    about_link.click()
    assert window.about.isVisible()
    text = " ".join(label.text() for label in window.about.findChildren(QLabel))
    assert version() in text
    assert "LGPL" in text  # Qt's license is named among the bundled components
