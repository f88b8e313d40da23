"""What every main view shares: a key, a title, a first load the screenshot waits for."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from app.services.context import AppContext
    from app.services.runtime import Runtime

log = logging.getLogger("counterpart.ui")


class BaseView(QWidget):
    """A main view. Subclasses set ``key`` and ``title`` and override :meth:`load`.

    ``load`` is awaited once at start-up (cache-first: it must not wait on the network to paint);
    ``first_load_done`` fires with ``None`` on success or a sentence saying what failed.
    """

    key = "view"
    title = "View"
    first_load_done = Signal(object)

    def __init__(
        self,
        context: AppContext | None = None,
        runtime: Runtime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runtime = runtime
        self.setObjectName(f"view-{self.key}")
        self.load_error: str | None = None
        self.loaded = False

    async def load(self) -> None:
        """Fill the view from the cache; override in subclasses."""

    def shutdown(self) -> None:
        """Stop timers and listeners: the runtime under the view is about to close."""

    async def run_first_load(self) -> None:
        try:
            await self.load()
        except Exception as exc:  # a failed view must not take the window down
            log.exception("first load of the %s view failed", self.key)
            self.load_error = f"The {self.title} view could not load: {exc}"
        self.loaded = True
        self.first_load_done.emit(self.load_error)


class EmptyState(QWidget):
    """An honest empty state: what the view will show, which vendor feeds it, how to connect."""

    def __init__(self, headline: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel(headline)
        title.setObjectName("emptyHeadline")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(body)
        text.setObjectName("emptyBody")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A fixed width lets the wrapped label compute its full height (an aligned, width-capped
        # label in a box layout gets clipped to one line's height).
        text.setFixedWidth(520)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(text)
        centred.addStretch(1)
        layout.addWidget(title)
        layout.addLayout(centred)
        layout.addStretch(2)


class ViewHeader(QWidget):
    """The title of a view and one line saying what it is for."""

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        heading = QLabel(title)
        heading.setObjectName("viewTitle")
        line = QLabel(subtitle)
        line.setObjectName("viewSubtitle")
        line.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(line)


class VendorFedView(BaseView):
    """A view fed by vendors; until its data arrives it shows who feeds it and how to connect."""

    subtitle = ""
    vendors: tuple[str, ...] = ()
    empty_headline = "Nothing to show yet"
    empty_body = ""

    def __init__(
        self,
        context: AppContext | None = None,
        runtime: Runtime | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, runtime, parent)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(ViewHeader(self.title, self.subtitle))
        self.empty_state = EmptyState(self.empty_headline, self.empty_body)
        self.body.addWidget(self.empty_state, 1)
