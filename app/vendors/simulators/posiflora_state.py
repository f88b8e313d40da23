"""What every part of the Posiflora simulator shares: its state, declared for the type checker."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.domain.bonuses import BonusRules
from app.vendors.simulators.harness import Simulator
from app.vendors.simulators.posiflora_data import (
    SimCustomer,
    SimGroup,
    SimHistoryLine,
    SimOrder,
    SimStore,
)


class PosifloraState(Simulator):
    """State attributes; :class:`PosifloraSimulator` fills them in ``__init__``."""

    customers: dict[str, SimCustomer]
    bonus_groups: list[SimGroup]
    discount_groups: list[SimGroup]
    orders: dict[str, SimOrder]
    stores: list[SimStore]
    rules: BonusRules
    access_tokens: dict[str, Any]
    refresh_tokens: dict[str, Any]
    revision: int

    def history(self, customer_id: str) -> list[SimHistoryLine]:
        raise NotImplementedError

    def bonus_lines(self) -> Iterator[SimHistoryLine]:
        """Every customer's bonus history lines that belong to the simulator's orders."""
        raise NotImplementedError

    def line_ids(self, order: SimOrder) -> list[str]:
        """The ids of the order's lines (``posiflora_order_lines`` makes them)."""
        return []

    def next_revision(self) -> int:
        self.revision += 1
        return self.revision

    def bonus_group(self, group_id: str | None) -> SimGroup | None:
        return next((g for g in self.bonus_groups if g.id == group_id), None)

    def discount_group(self, group_id: str) -> SimGroup | None:
        return next((g for g in self.discount_groups if g.id == group_id), None)
