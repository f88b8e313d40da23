"""The customer card: who they are, their points, their groups, and their bonus history."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.bonuses import BonusGroup
from app.domain.customers import CustomerCard, DiscountGroup
from app.domain.money import format_money
from app.ui.formatting import local_time
from app.ui.views.customers.models import HistoryModel


def group_text(group: BonusGroup | None) -> str:
    if group is None:
        return "No bonus group"
    state = "" if group.is_active() else " (not active)"
    return f"{group.title}{state} — earns {group.bonus_rate}%, points pay up to {group.limit}%"


def discounts_text(groups: tuple[DiscountGroup, ...]) -> str:
    if not groups:
        return "None"
    return ", ".join(f"{g.title} ({g.discount}% off)" for g in groups)


def _value(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class CustomerCardView(QFrame):
    """Fills from a :class:`CustomerCard`; the buttons are wired by the view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerCard")
        self.card: CustomerCard | None = None
        self.name = QLabel()
        self.name.setObjectName("customerName")
        self.balance = QLabel()
        self.balance.setObjectName("customerBalance")
        self.spent = QLabel()
        self.phone, self.email, self.bonus_card = _value(), _value(), _value()
        self.group, self.discounts = _value(), _value()
        self.orders, self.notes = _value(), _value()
        self.pending = QLabel()
        self.pending.setObjectName("customerPending")
        self.pending.setWordWrap(True)
        self.pending.hide()
        self.online = _value()
        self.history_note = QLabel()
        self.history_note.setProperty("role", "hint")
        self.edit_button = QPushButton("Edit contact…")
        self.promo_button = QPushButton("Issue a promo code…")
        self.history_model = HistoryModel(self)
        self.history = self._history_table()
        self.keys: dict[str, QLabel] = {}
        self._compose()

    def _history_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.history_model)
        table.verticalHeader().hide()
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def _compose(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        points = QVBoxLayout()
        points.addWidget(self.balance, 0, Qt.AlignmentFlag.AlignRight)
        points.addWidget(self.spent, 0, Qt.AlignmentFlag.AlignRight)
        top.addLayout(points)
        facts = QGridLayout()
        facts.setHorizontalSpacing(14)
        rows = (
            ("Phone", self.phone, "Bonus group", self.group),
            ("Email", self.email, "Discounts", self.discounts),
            ("Bonus card", self.bonus_card, "Orders", self.orders),
            ("Notes", self.notes, "Online", self.online),
        )
        for row, (left, left_value, right, right_value) in enumerate(rows):
            self.keys[left], self.keys[right] = _key(left), _key(right)
            facts.addWidget(self.keys[left], row, 0, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(left_value, row, 1)
            facts.addWidget(self.keys[right], row, 2, Qt.AlignmentFlag.AlignTop)
            facts.addWidget(right_value, row, 3)
        facts.setColumnStretch(1, 2)
        facts.setColumnStretch(3, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pending, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.promo_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(facts)
        layout.addLayout(buttons)

    def set_vroom(self, in_use: bool) -> None:
        """Promo codes and online orders only mean something when Vroom is in use."""
        self.promo_button.setVisible(in_use)
        self.keys["Online"].setVisible(in_use)
        self.online.setVisible(in_use)

    def show_card(self, card: CustomerCard, *, loading: bool = False) -> None:
        """The card; ``loading``: only the cached record is known, Posiflora is being asked."""
        self.card = card
        c = card.customer
        self.name.setText(c.name or "(no name)")
        self.balance.setText(f"{c.current_points:,} points")
        self.spent.setText(f"{c.spent_points:,} points spent so far")
        self.phone.setText(c.display_phone or "—")
        self.email.setText(c.email or "—")
        self.bonus_card.setText(c.bonus_card or "—")
        self.notes.setText(c.notes or "—")
        waiting = "Asking Posiflora…"
        self.group.setText(waiting if loading else group_text(card.bonus_group))
        self.discounts.setText(waiting if loading else discounts_text(card.discount_groups))
        self.orders.setText(
            f"{c.orders_count:,} orders, average check {format_money(c.average_check)}"
        )
        self.history_model.set_entries(card.history)
        if loading:
            self.history_note.setText(waiting)
        elif card.history_complete:
            self.history_note.setText(f"{len(card.history)} movements, newest first.")
        else:
            self.history_note.setText(
                "The bonus history could not be loaded from Posiflora; it shows when it answers."
            )

    def show_pending(self, fields: list[str]) -> None:
        """Contact edits queued but not yet confirmed by Posiflora."""
        if not fields:
            self.pending.hide()
            return
        self.pending.setText(f"Pending: {', '.join(fields)} change waiting to reach Posiflora.")
        self.pending.show()

    def show_online(self, ordered: bool | None, last: datetime | None, error: str | None) -> None:
        if ordered is None:
            self.online.setText(f"Not known: {error}" if error else "—")
        elif ordered:
            when = f"; last online order {local_time(last)}" if last else ""
            self.online.setText(f"Has ordered online at Vroom{when}")
        else:
            self.online.setText("No online orders at Vroom for this phone or email")


def _key(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    return label
