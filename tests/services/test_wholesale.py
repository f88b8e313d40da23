"""Trade order actions through the real runtime, its outbox and the Yodify simulator."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.wholesale import TradeOrderRuleError, TradeOrderStatus
from app.services.outbox import OutboxState
from tests.services.wholesale_helpers import demo_runtime


def test_confirm_then_ship_a_trade_order(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            placed = demo.sim.place_order()
            order = await demo.wholesale.orders.refresh(placed.id)
            first = await demo.wholesale.confirm_trade_order(order)
            again = await demo.wholesale.confirm_trade_order(order)  # a double click
            assert first.new and not again.new and again.entry.id == first.entry.id
            assert demo.sim.orders[placed.id].status == "New"  # nothing sent before the worker

            (sent,) = await demo.send()
            assert sent.state is OutboxState.SENT
            assert demo.sim.orders[placed.id].status == "Processing"

            confirmed = await demo.wholesale.orders.refresh(placed.id)
            with pytest.raises(TradeOrderRuleError, match="already processing"):
                await demo.wholesale.confirm_trade_order(confirmed)
            shipped = await demo.wholesale.add_shipment(confirmed, "UPS", " 1Z999 ")
            assert "UPS" in shipped.summary and "1Z999" in shipped.summary
            (sent,) = await demo.send()
            assert sent.state is OutboxState.SENT
            sim_order = demo.sim.orders[placed.id]
            assert sim_order.status == "Shipped"
            assert [(s.carrier, s.tracking_number) for s in sim_order.shipments] == [
                ("UPS", "1Z999")
            ]
            messages = [m.text for m in demo.runtime.context.messages.history]
            assert any(placed.number in m and "Done in Yodify" in m for m in messages)

    asyncio.run(go())


def test_shipment_before_confirm_is_refused_without_a_write(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            placed = demo.sim.place_order()
            order = await demo.wholesale.orders.refresh(placed.id)
            with pytest.raises(TradeOrderRuleError, match=f"Confirm order {placed.number}"):
                await demo.wholesale.add_shipment(order, "UPS", "1Z1")
            with pytest.raises(TradeOrderRuleError, match="tracking number"):
                await demo.wholesale.add_shipment(
                    replace(order, status=TradeOrderStatus.PROCESSING), "UPS", " "
                )
            assert await demo.runtime.outbox.list() == []

    asyncio.run(go())


def test_cancel_sends_the_reason_to_the_customer(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            placed = demo.sim.place_order()
            order = await demo.wholesale.orders.refresh(placed.id)
            with pytest.raises(TradeOrderRuleError, match="reason"):
                await demo.wholesale.cancel_trade_order(order, "   ")
            await demo.wholesale.cancel_trade_order(order, "Peonies are out of season")
            (sent,) = await demo.send()
            assert sent.state is OutboxState.SENT
            assert demo.sim.orders[placed.id].status == "Cancelled"
            assert demo.sim.orders[placed.id].cancel_message == "Peonies are out of season"

    asyncio.run(go())


def test_cancel_after_shipment_shows_yodifys_refusal(tmp_path: Path) -> None:
    async def go() -> None:
        async with demo_runtime(tmp_path) as demo:
            placed = demo.sim.place_order()
            stale = await demo.wholesale.orders.refresh(placed.id)
            stale = replace(stale, status=TradeOrderStatus.PROCESSING)  # what the board last saw
            # Meanwhile someone confirmed and shipped it in Yodify's own admin.
            placed.status = "Processing"
            demo.sim.add_shipment_record(placed, "FedEx", "7001")
            placed.status = "Shipped"

            queued = await demo.wholesale.cancel_trade_order(stale, "Customer changed their mind")
            (failed,) = await demo.send()
            assert failed.id == queued.entry.id and failed.state is OutboxState.FAILED
            assert "already has a shipment, so it can no longer be cancelled" in (
                failed.last_message or ""
            )
            assert any("can no longer be cancelled" in text for text in demo.errors())
            assert demo.sim.orders[placed.id].status == "Shipped"

            # Once the order is read again, the rule itself says no, before anything is queued.
            fresh = await demo.wholesale.orders.refresh(placed.id)
            with pytest.raises(TradeOrderRuleError, match="refund it in Yodify instead"):
                await demo.wholesale.cancel_trade_order(fresh, "Customer changed their mind")

    asyncio.run(go())
