"""One Counterpart at a time may send from a database."""

from __future__ import annotations

from pathlib import Path

from app.services.instance import InstanceLock


def test_second_holder_is_refused_until_the_first_releases(tmp_path: Path) -> None:
    first, second = InstanceLock(tmp_path), InstanceLock(tmp_path)
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()
