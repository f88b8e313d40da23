"""The managers' daily review: a period's orders, money and demand across the chosen stores.

The cache paints first; missing days are then fetched one by one with a progress strip that can be
cancelled (the days already fetched stay). A store choice never fetches: it narrows what is held.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.daily_review import ReviewPeriod
from app.domain.review import Review
from app.services.board_settings import read_board_settings
from app.services.daily_review import DailyReviewService, ReviewData, review_service
from app.services.exports import ReportTable, write_csv
from app.services.review_tables import (
    audit_table,
    orders_table,
    sales_table,
    searches_table,
    transactions_table,
)
from app.ui.views.base import BaseView, ViewHeader
from app.ui.views.reports.charts import chart_view, review_charts
from app.ui.views.reports.controls import FilterBar, ProgressStrip
from app.ui.views.reports.order_dialog import OrderDialog
from app.ui.views.reports.pdf import review_document, write_pdf
from app.ui.views.reports.tables import TablePanel
from app.ui.views.reports.tiles import FigureTiles

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView

    from app.services.context import AppContext
    from app.services.runtime import Runtime

log = logging.getLogger("counterpart.ui.reports")

# The columns each table keeps on paper (None: all); the CSV always has every column.
PAPER_COLUMNS: dict[str, tuple[str, ...] | None] = {
    "orders": ("order id", "placed", "store", "order type", "sales channel", "canceled", "total",
               "adjustments", "net remit"),
    "sales": None,
    "transactions": ("time", "store id", "type", "amount", "order id", "payout id",
                     "deposit status", "estimated deposit"),
    "searches": None,
    "audit": None,
}  # fmt: skip
TABLES = (
    ("orders", "Orders", "Double-click an order to see its lines."),
    ("sales", "Sales by product", "What sold, by sales."),
    ("transactions", "Transactions and payouts", "Payments, fees and refunds with deposit dates."),
    ("searches", "Missed searches", "Searches that found nothing or that nobody clicked."),
    ("audit", "Audit log", "Who changed what, and automated alerts."),
)


class ReportsView(BaseView):
    key = "reports"
    title = "Reports"

    def __init__(
        self,
        context: AppContext | None = None,
        runtime: Runtime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, runtime, parent)
        self.service: DailyReviewService | None = review_service(runtime) if runtime else None
        self.data: ReviewData | None = None
        self.review: Review | None = None
        self.store_names: dict[str, str] = {}
        self.charts: list[QChart] = []
        self._task: asyncio.Task[Any] | None = None
        self._build()

    def _build(self) -> None:
        self.filters = FilterBar()
        self.progress = ProgressStrip()
        self.status = QLabel()
        self.status.setObjectName("viewSubtitle")
        self.status.setWordWrap(True)
        self.tiles = FigureTiles()
        self.tabs = QTabWidget()
        self.chart_grid = QGridLayout()
        overview = QWidget()
        overview.setLayout(self.chart_grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(overview)
        self.tabs.addTab(scroll, "Charts")
        self.panels: dict[str, TablePanel] = {}
        for key, label, hint in TABLES:
            panel = self.panels[key] = TablePanel(key, hint)
            panel.export_requested.connect(self.ask_csv_path)
            self.tabs.addTab(panel, label)
        self.panels["orders"].row_activated.connect(self.show_order)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(ViewHeader(self.title, "Orders, money and demand across your stores."))
        layout = QVBoxLayout()
        layout.setContentsMargins(20, 0, 12, 4)  # the page's edge, as in the other views
        outer.addLayout(layout, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        for button in (self.filters.refresh, self.filters.paper, self.filters.pdf):
            status_row.addWidget(button)
        layout.addWidget(self.filters)
        layout.addWidget(self.progress)
        layout.addLayout(status_row)
        layout.addWidget(self.tiles)
        layout.addWidget(self.tabs, 1)
        self.filters.changed.connect(self._period_or_store_changed)
        self.filters.refresh_requested.connect(lambda: self.start(self.reload()))
        self.filters.pdf_requested.connect(self.ask_pdf_path)
        self.progress.cancel_requested.connect(self.cancel)

    # -- loading --------------------------------------------------------------------------------

    async def load(self) -> None:
        """Stores from the settings, the cache at once, then the days still missing."""
        if self.context is not None and self.runtime is not None:
            settings = read_board_settings(self.context.config, demo=self.runtime.demo)
            self.store_names = dict(settings.store_names)
            self.filters.set_stores(self.store_names, dict(settings.store_groups))
        await self.reload()

    async def reload(self) -> None:
        """Paint the cache, then fetch only what is missing or unfinished (today, say)."""
        if self.service is None:
            self.status.setText("Connect Vroom in Settings to see the daily review.")
            return
        period = self.filters.period()
        self.data = await self.service.cached(period)
        self.show_data()
        self.data = await self.service.load(period, progress=self.progress.report)
        self.progress.hide()
        self.show_data()

    def start(self, work: Coroutine[Any, Any, Any]) -> None:
        """Run one load at a time: a new choice replaces a load still under way."""
        self.cancel()
        self._task = asyncio.ensure_future(work)
        self._task.add_done_callback(self._finished)

    def cancel(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self.progress.hide()

    def _finished(self, task: asyncio.Task[Any]) -> None:
        if task.cancelled():
            self.status.setText(
                self.status.text() + " · Fetching stopped; days already fetched stay."
            )
            return
        error = task.exception()
        if error is not None:
            log.error("the daily review failed to load", exc_info=error)
            if self.context is not None:
                self.context.messages.error(f"The daily review could not load: {error}")

    def _period_or_store_changed(self) -> None:
        if self.data is not None and self.data.period == self.filters.period():
            self.show_data()  # only the stores changed: nothing to fetch
        else:
            self.start(self.reload())

    # -- showing --------------------------------------------------------------------------------

    def show_data(self) -> None:
        if self.data is None:
            return
        choice = self.filters.store_choice()
        review = self.review = self.data.review(choice.store_ids)
        self.status.setText(_status_line(review, choice.label))
        self.tiles.show_figures(review.headline())
        for key, table in self.tables().items():
            self.panels[key].set_table(table)
        self._show_charts(review)

    def tables(self) -> dict[str, ReportTable]:
        review = self.review
        assert review is not None
        return {
            "orders": orders_table(review, self.store_names),
            "sales": sales_table(review),
            "transactions": transactions_table(review),
            "searches": searches_table(review),
            "audit": audit_table(review),
        }

    def _show_charts(self, review: Review) -> None:
        while self.chart_grid.count():
            item = self.chart_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.charts = review_charts(review, self.store_names)
        self.chart_views: list[QChartView] = []
        for n, chart in enumerate(self.charts):
            view = chart_view(chart)
            self.chart_views.append(view)
            self.chart_grid.addWidget(view, n // 2, n % 2)

    def show_order(self, row: int) -> None:
        if self.review is not None and 0 <= row < len(self.review.orders):
            dialog = OrderDialog(self.review.orders[row], self.store_names, self)
            dialog.open()

    # -- export ---------------------------------------------------------------------------------

    def ask_csv_path(self, key: str) -> None:
        dialog = QFileDialog(self, "Export table as CSV", f"{key}.csv", "CSV files (*.csv)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda path: self.start(self.export_csv(key, Path(path))))
        dialog.open()

    async def export_csv(self, key: str, path: Path) -> int:
        table = self.tables()[key]
        rows = await asyncio.get_running_loop().run_in_executor(None, write_csv, table, path)
        if self.context is not None:
            self.context.messages.info(f"Saved {rows} rows to {path}.")
        return rows

    def ask_pdf_path(self, paper: str) -> None:
        dialog = QFileDialog(self, "Save the review as PDF", "daily-review.pdf", "PDF (*.pdf)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda path: self.save_pdf(Path(path), paper))
        dialog.open()

    def save_pdf(self, path: Path, paper: str = "A4") -> int:
        """Write the whole review; returns the number of pages."""
        review = self.review
        assert review is not None
        choice = self.filters.store_choice()
        charts = review_charts(review, self.store_names)
        every = self.tables()
        tables = [(label, every[key], PAPER_COLUMNS[key]) for key, label, _ in TABLES]
        document = review_document(
            f"Daily review · {review.period.label()}",
            _status_line(review, choice.label),
            review.headline(),
            charts,
            tables,
        )
        pages = write_pdf(path, document, paper)
        if self.context is not None:
            self.context.messages.info(f"Saved the review ({pages} pages) to {path}.")
        return pages


def _status_line(review: Review, stores: str) -> str:
    period: ReviewPeriod = review.period
    before = period.previous()
    parts = [f"{stores} · {period.label()}, compared with {before.label()}"]
    if review.missing_days:
        parts.append(f"{len(review.missing_days)} day(s) not fetched yet")
    parts += review.notes
    return " · ".join(parts)
