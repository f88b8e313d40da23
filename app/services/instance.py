"""One Counterpart at a time sends writes from a database.

Two processes sending from the same outbox could each take a write left "sending" by the other for
a crashed one and send it again. The window holds this lock while it runs; headless commands that
send take it too, and read-only commands run alongside without recovering anyone's writes.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout


class InstanceLock:
    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(data_dir / "counterpart.lock"))

    def acquire(self) -> bool:
        """Take the lock if no other Counterpart holds it; never waits."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        return self._lock.is_locked


ALREADY_RUNNING = (
    "Counterpart is already open on this PC and sends queued writes itself. Use its Outbox view, "
    "or close it and run this command again."
)
