"""A typed ``qasync.asyncSlot``: a coroutine method as a Qt slot, its errors to the excepthook.

Use it on methods (on a free function connected to a zero-argument signal, qasync 0.28 never
starts the coroutine: qasync issue #177).

A slot's coroutine can outlive its widget: a search still waiting on a vendor when the window
closes resumes to find its models deleted. Such an ending is expected, not a fault, so it is
logged and dropped instead of reaching the excepthook; and every slot still running is tracked
so the main window can cancel them before the runtime under them closes.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import qasync
import shiboken6
from PySide6.QtCore import QObject

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])

log = logging.getLogger("counterpart.ui")

_running: set[asyncio.Task[Any]] = set()


def async_slot(*types: type) -> Callable[[F], F]:
    def decorate(method: F) -> F:
        @functools.wraps(method)  # qasync binds the signal's arguments to method's signature
        async def guarded(owner: object, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(owner, *args, **kwargs)
            except RuntimeError:
                if isinstance(owner, QObject) and not shiboken6.isValid(owner):
                    log.debug("%s ended after its widget was closed", method.__qualname__)
                    return None
                raise

        slot = qasync.asyncSlot(*types)(guarded)

        @functools.wraps(slot)  # keeps the Qt slot marker qasync's wrapper carries
        def start(*args: Any, **kwargs: Any) -> asyncio.Task[Any]:
            task: asyncio.Task[Any] = slot(*args, **kwargs)
            _running.add(task)
            task.add_done_callback(_running.discard)
            return task

        return cast(F, start)

    return decorate


async def cancel_running_slots() -> None:
    """Cancel every slot coroutine still running and wait for them to end (used at quit)."""
    tasks = [task for task in _running if not task.done()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
