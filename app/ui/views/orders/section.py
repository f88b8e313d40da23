"""One vendor's part of the board: its name, "as of", its table of stores and status cells."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.orders_board import StatusGroup
from app.services.live_orders import BoardSnapshot
from app.ui.views.orders.model import BoardModel, Cell, NameFor
from app.vendors import display_name

OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def clock_text(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S")


def status_text(snapshot: BoardSnapshot, vendor: str, restored: bool) -> str:
    """What the line under the vendor's name says about how fresh the numbers are."""
    name = display_name(vendor)
    if snapshot.as_of is None:
        if snapshot.error is not None:
            return f"{snapshot.error.message} No numbers yet; trying again shortly."
        return f"Fetching the first numbers from {name}…"
    as_of = f"as of {clock_text(snapshot.as_of)}"
    if snapshot.stale and snapshot.error is not None:
        return (
            f"{as_of} — {name} did not answer; these are the last good numbers. "
            f"{snapshot.error.message}"
        )
    if snapshot.stale or restored:
        return f"{as_of} (saved) — updating from {name}…"
    return as_of


class BoardTable(QTableView):
    """Asks for the height of all its rows; the layout gives less (and it scrolls) if need be."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        rows = self.model().rowCount() if self.model() is not None else 0
        height = self.horizontalHeader().sizeHint().height()
        height += rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth() + 2
        if self.horizontalHeader().length() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()  # room for every row
        return QSize(hint.width(), height)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        rows = min(self.model().rowCount() if self.model() is not None else 0, 3)
        height = self.horizontalHeader().sizeHint().height()
        height += rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth() + 2
        return QSize(hint.width(), height)


class BoardSection(QFrame):
    """A table per vendor; Enter or a click on a count asks to open the orders behind it."""

    cell_requested = Signal(str, object)  # vendor, Cell

    def __init__(self, vendor: str, name_for: NameFor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vendor = vendor
        self.setObjectName("boardSection")
        self.model = BoardModel(name_for)
        self.table = self._make_table()
        self.title = QLabel(display_name(vendor))
        self.title.setObjectName("boardVendor")
        self.totals = QLabel()
        self.totals.setObjectName("boardTotals")
        self.status = QLabel()
        self.status.setObjectName("boardStatus")
        self.status.setWordWrap(True)
        # Title, totals and "as of" share one line: a three-source board must fit 800 pixels.
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.totals)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 2, 20, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _make_table(self) -> QTableView:
        table = BoardTable()
        table.setObjectName("boardTable")
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        table.setModel(self.model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(32)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(72)
        table.clicked.connect(self._clicked)
        table.installEventFilter(self)
        self.model.modelReset.connect(self._after_reset)
        return table

    def _fit(self) -> None:
        """The store names take the spare width, but never less than they need to be read
        (when the counts leave too little, the table scrolls sideways instead of cutting names)."""
        header = self.table.horizontalHeader()
        if self.model.columnCount():
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            if header.length() < self.table.viewport().width():
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def show_snapshot(
        self, snapshot: BoardSnapshot, groups: list[StatusGroup], restored: bool = False
    ) -> None:
        self.model.set_snapshot(snapshot, groups)
        self.status.setText(status_text(snapshot, self.vendor, restored))
        trouble = snapshot.stale and snapshot.error is not None
        self.status.setProperty("stale", "true" if trouble else "false")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self._show_totals()

    def set_store_filter(self, store_ids: frozenset[str] | None) -> None:
        self.model.set_store_filter(store_ids)
        self._show_totals()

    def _show_totals(self) -> None:
        timed = {c.group_key for c in self.model.columns if c.late is not None}
        waiting = sum(r.group_counts.get(k, 0) for r in self.model.rows for k in timed)
        late = sum(r.late_counts.get(k, 0) for r in self.model.rows for k in timed)
        self.totals.setText(f"{waiting} open · {late} late" if self.model.rows else "")

    def _after_reset(self) -> None:
        self._fit()
        # Keep the keyboard on the board: the first count cell is current after a new shape
        # (current, not selected, so no cell looks highlighted before anyone touches the keys).
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 1), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def current_cell(self) -> Cell | None:
        return self.model.cell_at(self.table.currentIndex())

    def _clicked(self, index: QModelIndex) -> None:
        self._request(self.model.cell_at(index))

    def _request(self, cell: Cell | None) -> None:
        if cell is not None and cell.row.cell(cell.column) > 0:
            self.cell_requested.emit(self.vendor, cell)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in OPEN_KEYS:
                self._request(self.current_cell())
                return True
        return super().eventFilter(watched, event)
