"""The bonus rules Posiflora leaves unsaid, read from the ``[bonus]`` table of the settings.

posiflora.md §6.5 "Not documented": what a point is worth, how fractional points round, and
whether the part paid with points earns points. A missing or broken value falls back to the
default and is named, so the settings panel can say which one.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.domain.bonuses import BonusRules, PointsRounding

SECTION = "bonus"


def rules_from(section: Mapping[str, Any]) -> tuple[BonusRules, list[str]]:
    """The rules in ``section`` and the names of values that could not be read."""
    defaults = BonusRules()
    problems: list[str] = []
    value = defaults.point_value
    if "point_value" in section:
        try:
            value = Decimal(str(section["point_value"]))
            if not value.is_finite() or value <= 0:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            problems.append("point_value")
            value = defaults.point_value
    rounding = defaults.rounding
    if "rounding" in section:
        try:
            rounding = PointsRounding(str(section["rounding"]))
        except ValueError:
            problems.append("rounding")
    paid_earn = section.get("points_paid_earn", defaults.points_paid_earn)
    if not isinstance(paid_earn, bool):
        problems.append("points_paid_earn")
        paid_earn = defaults.points_paid_earn
    return BonusRules(value, rounding, paid_earn), problems


def rules_to(rules: BonusRules) -> dict[str, Any]:
    """The ``[bonus]`` table for these rules (the point value as text: TOML has no decimal)."""
    return {
        "point_value": str(rules.point_value),
        "rounding": rules.rounding.value,
        "points_paid_earn": rules.points_paid_earn,
    }
