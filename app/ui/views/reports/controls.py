"""The review's controls: period, store or store group, refresh, PDF; and the progress strip."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.domain.daily_review import PRESET_LABELS, RangePreset, ReviewPeriod, preset_period
from app.services.review_request import StoreChoice, local_zone


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class FilterBar(QWidget):
    """Changes to any control emit ``changed``; the view reloads once per change.

    ``refresh``, ``paper`` and ``pdf`` are placed by the view (on the status line, to keep the
    bar narrow enough for a 1000-pixel window).
    """

    changed = Signal()
    refresh_requested = Signal()
    pdf_requested = Signal(str)  # the paper: "A4" or "Letter"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset = QComboBox()
        self.preset.setObjectName("reviewPreset")
        for preset, label in PRESET_LABELS.items():
            self.preset.addItem(label, preset.value)
        today = datetime.now().astimezone().date()
        self.first = QDateEdit(_qdate(today - timedelta(days=1)))
        self.last = QDateEdit(_qdate(today - timedelta(days=1)))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd MMM yyyy")
            edit.setMaximumDate(_qdate(today))
            edit.dateChanged.connect(self._custom_changed)
        self.store = QComboBox()
        self.store.setObjectName("reviewStore")
        self.store.setMinimumContentsLength(12)
        self.store.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.refresh = QPushButton("Refresh")
        self.paper = QComboBox()
        self.paper.addItems(["A4", "Letter"])
        self.pdf = QPushButton("Save PDF…")
        self.pdf.setProperty("primary", True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel("Period"), self.preset, self.first, QLabel("to"), self.last):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addWidget(QLabel("Stores"))
        layout.addWidget(self.store)
        layout.addStretch(1)
        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.store.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.refresh.clicked.connect(self.refresh_requested.emit)
        self.pdf.clicked.connect(lambda: self.pdf_requested.emit(self.paper.currentText()))
        self._choices: list[StoreChoice] = []
        self._show_custom()

    def set_stores(self, names: dict[str, str], groups: dict[str, tuple[str, ...]]) -> None:
        """All stores, then each group, then each store by name."""
        choices = [StoreChoice("All stores")]
        choices += [StoreChoice(f"Group: {g}", frozenset(ids)) for g, ids in groups.items()]
        choices += [
            StoreChoice(f"{name} ({sid})", frozenset({sid}))
            for sid, name in sorted(names.items(), key=lambda kv: kv[1])
        ]
        self._choices = choices
        self.store.blockSignals(True)
        self.store.clear()
        self.store.addItems([c.label for c in choices])
        self.store.blockSignals(False)

    def store_choice(self) -> StoreChoice:
        index = self.store.currentIndex()
        return self._choices[index] if 0 <= index < len(self._choices) else StoreChoice("All")

    def period(self) -> ReviewPeriod:
        preset = RangePreset(self.preset.currentData())
        custom = (_pydate(self.first.date()), _pydate(self.last.date()))
        if custom[1] < custom[0]:
            custom = (custom[1], custom[0])
        return preset_period(preset, datetime.now().astimezone(), local_zone(), custom)

    def set_preset(self, preset: RangePreset) -> None:
        self.preset.setCurrentIndex(self.preset.findData(preset.value))

    def _show_custom(self) -> None:
        custom = RangePreset(self.preset.currentData()) is RangePreset.CUSTOM
        for edit in (self.first, self.last):
            edit.setEnabled(custom)

    def _preset_changed(self) -> None:
        self._show_custom()
        self.changed.emit()

    def _custom_changed(self) -> None:
        if RangePreset(self.preset.currentData()) is RangePreset.CUSTOM:
            self.changed.emit()


class ProgressStrip(QWidget):
    """Shown while days are fetched: how far, and a Cancel button."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(280)
        self.cancel = QPushButton("Cancel")
        self.cancel.clicked.connect(self.cancel_requested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        layout.addStretch(1)
        self.hide()

    def report(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.text.setText(f"Fetching day {min(done + 1, total)} of {total} from Vroom…")
        self.setVisible(done < total)
