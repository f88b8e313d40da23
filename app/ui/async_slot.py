"""A typed ``qasync.asyncSlot``: a coroutine method as a Qt slot, its errors to the excepthook.

Use it on methods (on a free function connected to a zero-argument signal, qasync 0.28 never
starts the coroutine: qasync issue #177).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

import qasync

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])


def async_slot(*types: type) -> Callable[[F], F]:
    return cast(Callable[[F], F], qasync.asyncSlot(*types))
