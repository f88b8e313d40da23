"""The outbox view lists writes with their state and lets staff retry or discard them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services.outbox import OutboxState
from app.services.runtime import Runtime, open_runtime
from app.ui.views.outbox.view import OutboxView
from tests.ui.helpers import make_context


@pytest.fixture
def runtime(qloop: asyncio.AbstractEventLoop, counterpart_home: Path) -> Iterator[Runtime]:
    rt = qloop.run_until_complete(open_runtime(make_context(counterpart_home)))
    yield rt
    qloop.run_until_complete(rt.aclose())


def make_view(qtbot: QtBot, runtime: Runtime, loop: asyncio.AbstractEventLoop) -> OutboxView:
    view = OutboxView(runtime.context, runtime)
    qtbot.addWidget(view)
    view.show()
    loop.run_until_complete(view.load())
    return view


def test_empty_outbox_says_so(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, runtime: Runtime
) -> None:
    view = make_view(qtbot, runtime, qloop)
    assert view.pages.currentWidget() is view.empty
    assert not view.retry_button.isEnabled()


def test_a_queued_write_is_listed_and_can_be_discarded_after_confirming(
    qtbot: QtBot,
    qloop: asyncio.AbstractEventLoop,
    runtime: Runtime,
    qtmodeltester: ModelTester,
    wait_until: Callable[..., None],
) -> None:
    # No handler is registered for this operation, so it stays queued as if the vendor were away.
    entry = qloop.run_until_complete(
        runtime.outbox.enqueue("yodify", "unplugged", {"sku": "R-1"}, "k-1", "Price of R-1")
    )
    view = make_view(qtbot, runtime, qloop)
    qtmodeltester.check(view.model)
    assert view.pages.currentWidget() is view.table
    assert view.model.rowCount() == 1
    row = [view.model.index(0, c).data() for c in range(view.model.columnCount())]
    assert row[:5] == ["Waiting to send", "Price of R-1", "Yodify", "just now", "0"]
    view.table.selectRow(0)
    assert view.retry_button.isEnabled() and view.discard_button.isEnabled()
    view.discard_button.click()
    assert view.discard_box is not None and view.discard_box.isVisible()
    view.discard_box.button(QMessageBox.StandardButton.Discard).click()
    wait_until(lambda: view.model.rowCount() == 0)
    discarded = qloop.run_until_complete(runtime.outbox.get(entry.id))
    assert discarded is not None and discarded.state is OutboxState.DISCARDED
    assert view.context is not None
    assert view.context.messages.history[-1].text == "Discarded “Price of R-1”."


def test_cancelling_the_discard_keeps_the_write(
    qtbot: QtBot, qloop: asyncio.AbstractEventLoop, runtime: Runtime
) -> None:
    qloop.run_until_complete(
        runtime.outbox.enqueue("yodify", "unplugged", {"sku": "R-2"}, "k-2", "Price of R-2")
    )
    view = make_view(qtbot, runtime, qloop)
    view.table.selectRow(0)
    view.discard_button.click()
    assert view.discard_box is not None
    view.discard_box.button(QMessageBox.StandardButton.Cancel).click()
    qloop.run_until_complete(asyncio.sleep(0.3))
    entries = qloop.run_until_complete(runtime.outbox.list())
    assert [e.state for e in entries] == [OutboxState.QUEUED]
