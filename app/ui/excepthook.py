"""Bugs end in the log with their traceback and in a calm sentence on screen, never a traceback.

qasync's ``asyncSlot`` reports exceptions only through ``sys.excepthook``, so this hook is where an
unexpected error in any click lands.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from app.services.messages import MessageBus

log = logging.getLogger("counterpart.bug")


def view_from_traceback(tb: TracebackType | None) -> str | None:
    """The view package (``app/ui/views/<view>/``) of the innermost frame that has one."""
    for frame in reversed(traceback.extract_tb(tb)):
        parts = frame.filename.replace("\\", "/").split("/")
        if "views" in parts:
            index = parts.index("views")
            if index + 2 < len(parts):
                return parts[index + 1]
    return None


def install_excepthook(
    messages: MessageBus, current_view: Callable[[], str]
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        where = view_from_traceback(tb) or current_view()
        log.error("unexpected error in the %s view", where, exc_info=(kind, error, tb))
        messages.error(
            f"Something went wrong in the {where.capitalize()} view. Nothing was sent twice and "
            "your data is safe; try again, and if it keeps happening restart Counterpart. "
            "The details are in the log file."
        )

    sys.excepthook = hook
    return hook
