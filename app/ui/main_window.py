"""The main window only composes: navigation, banner, messages, the stacked views, status bar."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, version
from app.services.context import AppContext
from app.services.runtime import Runtime
from app.ui.about import AboutDialog
from app.ui.async_slot import cancel_running_slots
from app.ui.message_area import MessageArea
from app.ui.quit_guard import QuitGuard
from app.ui.status_bar import VendorStatusBar
from app.ui.ui_state import UiState
from app.ui.views.base import BaseView
from app.ui.views.registry import build_views

DEMO_TEXT = (
    "Demo data — every order, customer and price here is simulated. "
    "Connect your vendors in Settings to see your shop."
)


class MainWindow(QMainWindow):
    closed = Signal()

    def __init__(
        self,
        context: AppContext,
        runtime: Runtime | None = None,
        views: list[BaseView] | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.runtime = runtime
        self.setWindowTitle(f"{APP_NAME}" + (" — demo data" if context.demo else ""))
        self.views = views if views is not None else build_views(context, runtime)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.stack = QStackedWidget()
        for view in self.views:
            self.navigation.addItem(view.title)
            self.stack.addWidget(view)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.messages = MessageArea(context.messages)
        self.banner = QLabel(DEMO_TEXT)
        self.banner.setObjectName("demoBanner")
        self.banner.setVisible(context.demo)
        self.setCentralWidget(self._compose())
        self.status = VendorStatusBar(context.vendors_in_use, context.demo)
        self.setStatusBar(self.status)
        if runtime is not None:
            self.status.follow(runtime.health)
        self.quit_guard = QuitGuard(self, runtime.outbox if runtime else None)
        self._tasks: list[asyncio.Task[None]] = []
        self._ui_state = UiState(context.paths.ui_state)
        if not self._ui_state.restore_geometry(self):
            self.resize(1280, 800)
        self.show_view(self._ui_state.last_view() or self.views[0].key)

    def _compose(self) -> QWidget:
        side = QWidget()
        side.setFixedWidth(200)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        brand = QLabel(APP_NAME)
        brand.setObjectName("brand")
        brand_version = QLabel(f"version {version()}")
        brand_version.setObjectName("brandVersion")
        side_layout.addWidget(brand)
        side_layout.addWidget(brand_version)
        side_layout.addWidget(self.navigation, 1)
        about = QPushButton(f"About {APP_NAME}")
        about.setObjectName("aboutLink")
        about.setFlat(True)
        about.clicked.connect(self.show_about)
        side_layout.addWidget(about)
        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.setSpacing(0)
        main_layout.addWidget(self.banner)
        main_layout.addWidget(self.messages)
        main_layout.addWidget(self.stack, 1)
        central = QWidget()
        central.setObjectName("central")
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(main, 1)
        return central

    def show_about(self) -> None:
        self.about = AboutDialog(self)
        self.about.open()

    def view(self, key: str) -> BaseView:
        return next(v for v in self.views if v.key == key)

    def show_view(self, key: str) -> None:
        index = next((i for i, v in enumerate(self.views) if v.key == key), 0)
        self.navigation.setCurrentRow(index)

    def current_view(self) -> BaseView:
        return self.views[max(self.navigation.currentRow(), 0)]

    def current_view_title(self) -> str:
        return self.current_view().title

    def start_first_loads(self) -> asyncio.Future[list[None]]:
        """Start every view's first load; the future completes when all have finished."""
        self._tasks = [asyncio.ensure_future(view.run_first_load()) for view in self.views]
        return asyncio.gather(*self._tasks)

    async def shutdown(self) -> None:
        for view in self.views:
            view.shutdown()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await cancel_running_slots()  # a search or send still waiting must not outlive the runtime
        self.messages.detach()
        self.status.detach()
        self.quit_guard.detach()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.quit_guard.may_close():
            event.ignore()
            return
        self._ui_state.save(self, self.current_view().key)
        super().closeEvent(event)
        self.closed.emit()
