"""Headline figures as tiles: the value, and how it moved against the previous period."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.daily_review import Figure, FigureKind
from app.domain.money import format_money

TILE_WIDTH = 170  # wide enough for $999,999.99 in the value font


def figure_text(kind: FigureKind, value: Decimal | None) -> str:
    if value is None:
        return "—"
    if kind is FigureKind.MONEY:
        return format_money(value)
    return f"{value:,.0f}"


def change_text(figure: Figure) -> tuple[str, str]:
    """The change line and its tone: ``good``, ``bad`` or ``flat``."""
    change = figure.change
    if change is None:
        return "", "flat"
    if change.previous_empty:
        return ("nothing before" if change.delta else "no change"), "flat"
    text = f"{change.text()} vs {figure_text(figure.kind, figure.previous)}"
    if change.delta == 0:
        return text, "flat"
    good = (change.delta > 0) == figure.higher_is_better
    return text, "good" if good else "bad"


class FigureTile(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewTile")
        self.label = QLabel()
        self.label.setObjectName("reviewTileLabel")
        self.value = QLabel()
        self.value.setObjectName("reviewTileValue")
        self.change = QLabel()
        self.change.setObjectName("reviewTileChange")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        for widget in (self.label, self.value, self.change):
            # Tiles share the width they are given: a long value must not widen the window.
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            widget.setMinimumWidth(0)
            layout.addWidget(widget)

    def show_figure(self, figure: Figure) -> None:
        self.label.setText(figure.label)
        self.value.setText(figure_text(figure.kind, figure.value))
        text, tone = change_text(figure)
        self.change.setText(text)
        self.change.setProperty("tone", tone)
        self.change.style().unpolish(self.change)
        self.change.style().polish(self.change)


class FigureTiles(QWidget):
    """A grid of tiles, one per headline figure, in the order given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(6)
        self.tiles: dict[str, FigureTile] = {}
        self.shown: list[FigureTile] = []
        self.columns = 0

    def show_figures(self, figures: list[Figure]) -> None:
        for tile in self.tiles.values():
            tile.hide()
        self.shown = []
        for figure in figures:
            if figure.key not in self.tiles:
                self.tiles[figure.key] = FigureTile(self)
            tile = self.tiles[figure.key]
            tile.show_figure(figure)
            tile.show()
            self.shown.append(tile)
        self._arrange(force=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self, *, force: bool = False) -> None:
        """As many tiles per row as fit whole: a money figure is never cut off."""
        columns = max(1, min(len(self.shown) or 1, self.width() // TILE_WIDTH))
        if columns == self.columns and not force:
            return
        self.columns = columns
        for tile in self.shown:
            self.grid.removeWidget(tile)
        for position, tile in enumerate(self.shown):
            self.grid.addWidget(tile, position // columns, position % columns)
