"""The GUI on one qasync event loop: Qt and asyncio share a single thread and loop."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path

import qasync
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import APP_NAME, version
from app.services.context import AppContext
from app.services.instance import InstanceLock
from app.services.instance_wake import wake_running_instance
from app.services.runtime import Runtime, open_runtime
from app.ui.excepthook import install_excepthook
from app.ui.main_window import MainWindow
from app.ui.resources import load_style, resource_path
from app.ui.screenshot import save_screenshots
from app.ui.single_instance import (
    ALREADY_OPEN_LINE,
    BROUGHT_FORWARD_LINE,
    WindowWaker,
    already_open_box,
    start_wake_server,
)

log = logging.getLogger("counterpart.ui")
SHUTDOWN_LIMIT_SECONDS = 10


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(version())
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("counterpart")  # Wayland matches the window to the menu entry
    app.setWindowIcon(QIcon(str(resource_path("icons/counterpart.png"))))
    app.setStyleSheet(load_style())
    return app


def has_display(environ: dict[str, str]) -> bool:
    if environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def run_gui(context: AppContext, screenshot_dir: str | None = None) -> int:
    if not has_display(dict(os.environ)):
        if screenshot_dir is None:
            print(
                "counterpart: no display found. Start Counterpart from the desktop, or use "
                "--screenshot DIR or a headless command (sync, export, outbox, dropship).",
                file=sys.stderr,
            )
            return 1
        # Screenshots need no screen: render offscreen.
        screen = resource_path("offscreen-screen.json")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"
    lock = InstanceLock(context.paths.data_dir)
    if not lock.acquire():
        return second_start(context, screenshot=screenshot_dir is not None)
    try:
        app = make_application()
        app.setQuitOnLastWindowClosed(False)  # the coroutine below decides when we are done
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            target = Path(screenshot_dir) if screenshot_dir else None
            code: int = loop.run_until_complete(_gui_main(context, target))
            return code
    finally:
        lock.release()


def second_start(context: AppContext, *, screenshot: bool) -> int:
    """Another Counterpart holds this data folder: bring its window forward, or say why not."""
    # A screenshot run promises pictures; waking the other window would not give it any.
    if not screenshot and wake_running_instance(context.paths.data_dir):
        print(BROUGHT_FORWARD_LINE, file=sys.stderr)
        return 0
    print(ALREADY_OPEN_LINE, file=sys.stderr)
    if not screenshot and not is_offscreen(dict(os.environ)):
        make_application()
        already_open_box().exec()  # no event loop runs yet, so a modal exec() is safe here
    return 1


def is_offscreen(environ: dict[str, str]) -> bool:
    return environ.get("QT_QPA_PLATFORM", "").startswith("offscreen")


async def _gui_main(context: AppContext, screenshot_dir: Path | None) -> int:
    waker = WindowWaker()
    # A screenshot run is a passing job, not the window a second start is looking for.
    wake = (
        await start_wake_server(context.paths.data_dir, waker) if screenshot_dir is None else None
    )
    try:
        runtime = await open_runtime(context)
        try:
            return await _run_window(context, runtime, screenshot_dir, waker)
        finally:
            waker.closing = True
            await _close_runtime(runtime)
    finally:
        if wake is not None:
            await wake.aclose()


async def _close_runtime(runtime: Runtime) -> None:
    """Quitting must never hang: a vendor call or task stuck past the limit is abandoned, logged."""
    try:
        await asyncio.wait_for(runtime.aclose(), timeout=SHUTDOWN_LIMIT_SECONDS)
    except TimeoutError:
        log.error("shutdown took over %s s; leaving the rest to the OS", SHUTDOWN_LIMIT_SECONDS)
        runtime.db.close()


async def _run_window(
    context: AppContext, runtime: Runtime, screenshot_dir: Path | None, waker: WindowWaker
) -> int:
    window = MainWindow(context, runtime)
    install_excepthook(context.messages, window.current_view_title)
    closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_closed() -> None:
        waker.closing = True  # quitting: a second start must not be told all is well
        if not closed.done():
            closed.set_result(None)

    window.closed.connect(on_closed)
    if screenshot_dir is not None:
        window.resize(1280, 800)
    window.show()
    waker.window = window
    runtime.start()
    loads = window.start_first_loads()
    try:
        if screenshot_dir is not None:
            return await _screenshot_run(window, loads, screenshot_dir)
        await closed
        return 0
    finally:
        await window.shutdown()


async def _screenshot_run(
    window: MainWindow, loads: asyncio.Future[list[None]], folder: Path
) -> int:
    await loads
    failures = [f"{view.key}: {view.load_error}" for view in window.views if view.load_error]
    if failures:
        for line in failures:
            print(f"counterpart: {line}", file=sys.stderr)
        return 1
    written = await save_screenshots(window, folder)
    print(f"wrote {len(written)} screenshots to {folder}")
    return 0
