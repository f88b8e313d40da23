"""Item pictures without the network: a calm tile with the brand's initials.

Product images live on the vendors' image hosts; the till never waits on (or leaks requests to)
them, so the tile stands in and the tooltip says where the real picture is.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

from app.domain.dropship import CatalogItem

_PALETTE = ("#d9e2ec", "#c6f7e2", "#fce8d8", "#e0e8f9", "#f8e3f1", "#fff3c4")


def image_host(url: str) -> str:
    return urlsplit(url).hostname or "" if url else ""


def initials(item: CatalogItem) -> str:
    words = [w for w in (item.brand or item.title).replace("-", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def tile(text: str, size: int = 30) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(_PALETTE[sum(map(ord, text)) % len(_PALETTE)]))
    painter.drawRoundedRect(QRectF(0, 0, size, size), 6, 6)
    painter.setPen(QColor("#323f4b"))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(size // 3)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return pixmap


class TileCache:
    """Tiles by initials, owned by a model: pixmaps must not outlive the QApplication (a
    module-level cache freed at interpreter exit crashes PySide6)."""

    def __init__(self) -> None:
        self._tiles: dict[str, QPixmap] = {}

    def for_item(self, item: CatalogItem) -> QPixmap:
        text = initials(item)
        if text not in self._tiles:
            self._tiles[text] = tile(text)
        return self._tiles[text]


def image_tooltip(item: CatalogItem) -> str:
    host = image_host(item.image_url)
    return f"Picture on {host} (not loaded at the till)" if host else "No picture from the vendor"
