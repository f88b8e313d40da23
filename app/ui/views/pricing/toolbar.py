"""The pricing view's filter bar and the selected row's state line with Retry and Revert."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.services.pricing_rows import SOURCE_LABELS, PriceRow, Source

ALL = ""


class PricingBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("pricingSearch")
        self.search.setPlaceholderText("Search, or scan a barcode and press Enter")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.source = QComboBox()
        self.source.addItem("All sources", ALL)
        for source in Source:
            self.source.addItem(SOURCE_LABELS[source] + "s", source.value)
        self.store = QComboBox()
        self.category = QComboBox()
        self.bulk = QPushButton("Change prices…")
        self.bulk.setProperty("primary", True)
        self.bulk.setEnabled(False)
        self.sale = QPushButton("Sale…")
        self.sale.setEnabled(False)
        self.count = QLabel("")
        self.count.setObjectName("pricingCount")
        top = QHBoxLayout(self)
        top.setContentsMargins(0, 4, 0, 4)
        top.addWidget(self.search, 2)
        for combo in (self.source, self.store, self.category):
            # Long category or brand names must not widen the window: the list shows them.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(9)
            top.addWidget(combo)
        top.addStretch(1)
        top.addWidget(self.sale)
        top.addWidget(self.bulk)

    def set_choices(self, rows: Sequence[PriceRow]) -> None:
        for combo, label, values in (
            (self.store, "All stores", sorted({r.store for r in rows if r.store})),
            (self.category, "All categories", sorted({r.category for r in rows if r.category})),
        ):
            current = combo.currentData() or ALL
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(label, ALL)
            for value in values:
                combo.addItem(value, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def criteria(self) -> dict[str, str]:
        return {
            "text": self.search.text(),
            "source": self.source.currentData() or ALL,
            "store": self.store.currentData() or ALL,
            "category": self.category.currentData() or ALL,
        }

    def reset(self) -> None:
        for widget in (self.search, self.source, self.store, self.category):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.source, self.store, self.category):
            combo.setCurrentIndex(0)
        for widget in (self.search, self.source, self.store, self.category):
            widget.blockSignals(False)


class RowActions(QWidget):
    """What happened to the selected row's last change, and what can be done about it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel("Double-click a price to change it; select rows for a bulk change.")
        self.text.setObjectName("pricingState")
        self.text.setWordWrap(True)
        self.retry = QPushButton("Retry")
        self.revert = QPushButton("Revert")
        self.line = QHBoxLayout(self)
        self.line.setContentsMargins(0, 4, 0, 0)
        self.line.addWidget(self.text, 1)
        layout = self.line
        layout.addWidget(self.retry)
        layout.addWidget(self.revert)
        self.show_row([])

    def add_count(self, count: QLabel) -> None:
        """The row count sits beside the state line, keeping the filter bar narrow."""
        self.line.insertWidget(1, count)

    def show_row(self, rows: Sequence[PriceRow]) -> None:
        row = rows[0] if len(rows) == 1 else None
        self.retry.setEnabled(any(r.state == "failed" for r in rows))
        self.revert.setEnabled(any(r.state in ("failed", "sent") for r in rows))
        if row is None:
            text = (
                f"{len(rows)} rows selected."
                if rows
                else "Double-click a price to change it; select rows for a bulk change."
            )
        elif row.state == "failed":
            text = (
                f"{row.title}: the change failed — {row.state_message} "
                "Retry, or Revert to keep the old price."
            )
        elif row.state == "pending":
            text = f"{row.title}: changing to {row.shown_price}; it is sent in the background."
        elif row.state == "sent":
            text = f"{row.title}: the new price {row.shown_price} was sent."
        else:
            text = f"{row.title}: {row.detail}" if row.detail else row.title
        self.text.setText(text)
