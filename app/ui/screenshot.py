"""``--screenshot DIR``: one PNG per main view, taken after each view's first load."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


async def save_screenshots(window: MainWindow, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)  # noqa: ASYNC240 - one tiny call, once
    written: list[Path] = []
    for view in window.views:
        window.show_view(view.key)
        # Let layouts settle and pending paints run before grabbing. Yield to the one loop rather
        # than calling processEvents(): a nested event pump inside a coroutine makes qasync run
        # other tasks re-entrantly, and a task whose wake-up is lost that way never finishes.
        await asyncio.sleep(0.15)
        path = folder / f"{view.key}.png"
        if not window.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written
