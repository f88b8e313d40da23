"""A click whose vendor answer arrives after the window closed ends quietly, not as a crash."""

from __future__ import annotations

import asyncio
import sys
from types import TracebackType

import pytest
import shiboken6
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QPushButton

from app.ui.async_slot import async_slot, cancel_running_slots

Hook = tuple[type[BaseException], BaseException, TracebackType | None]


class SearchButton(QPushButton):
    """Waits on a 'vendor', then fills a child model, as the customers search does."""

    def __init__(self, answer: asyncio.Event) -> None:
        super().__init__("Search")
        self.answer = answer
        self.results = QStringListModel(self)
        self.clicked.connect(self.search)

    @async_slot()
    async def search(self) -> None:
        await self.answer.wait()
        self.results.setStringList(["Anna Petrova"])


class BrokenSearchButton(SearchButton):
    """A slot with a real bug. Kept at module level: a QObject class defined inside a test is
    garbage-collected with its instances in one cycle, and PySide may free the type first."""

    @async_slot()
    async def search(self) -> None:
        await self.answer.wait()
        raise RuntimeError("the cache file is locked")


@pytest.fixture
def hooked(monkeypatch: pytest.MonkeyPatch) -> list[Hook]:
    caught: list[Hook] = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: caught.append(info))
    return caught


def test_an_answer_after_the_widget_is_deleted_is_dropped(
    qloop: asyncio.AbstractEventLoop, hooked: list[Hook]
) -> None:
    answer = asyncio.Event()
    button = SearchButton(answer)
    task = button.search()
    qloop.run_until_complete(asyncio.sleep(0.01))
    shiboken6.delete(button)  # the window closed while the vendor was still answering
    answer.set()
    qloop.run_until_complete(asyncio.wait_for(task, 2))
    assert hooked == []


def test_a_real_fault_in_a_live_widget_still_reaches_the_excepthook(
    qloop: asyncio.AbstractEventLoop, hooked: list[Hook]
) -> None:
    answer = asyncio.Event()
    button = BrokenSearchButton(answer)
    task = button.search()
    answer.set()
    with pytest.raises(RuntimeError):
        qloop.run_until_complete(asyncio.wait_for(task, 2))
    qloop.run_until_complete(asyncio.sleep(0.01))  # done callbacks run on the next turn
    assert [str(info[1]) for info in hooked] == ["the cache file is locked"]
    hooked.clear()  # the traceback holds the button; let it go with the C++ side
    shiboken6.delete(button)


def test_quitting_cancels_slots_still_waiting(
    qloop: asyncio.AbstractEventLoop, hooked: list[Hook]
) -> None:
    button = SearchButton(asyncio.Event())
    task = button.search()
    qloop.run_until_complete(asyncio.sleep(0.01))
    qloop.run_until_complete(cancel_running_slots())
    assert task.cancelled()
    assert hooked == []
    shiboken6.delete(button)
