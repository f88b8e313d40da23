"""Settings › Bonus points: the undocumented rules are saved in [bonus] and read back."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.domain.bonuses import PointsRounding
from app.ui.views.customers.rules import rules_from
from app.ui.views.customers.settings_panel import BonusRulesPanel
from tests.ui.helpers import make_context


def test_saved_rules_are_written_to_the_bonus_table(qtbot: QtBot, counterpart_home: Path) -> None:
    context = make_context(counterpart_home)
    panel = BonusRulesPanel(context)
    qtbot.addWidget(panel)
    panel.point_value.setText("0.50")
    panel.rounding.setCurrentIndex(panel.rounding.findData(PointsRounding.HALF_UP))
    panel.paid_earn.setChecked(True)
    panel.save.click()
    written = tomllib.loads(context.config.file.read_text(encoding="utf-8"))
    rules, problems = rules_from(written["bonus"])
    assert problems == []
    assert rules.point_value == Decimal("0.50")
    assert rules.rounding is PointsRounding.HALF_UP
    assert rules.points_paid_earn is True
    assert "Saved" in panel.status.text()


def test_a_bad_point_value_is_refused_naming_the_field(
    qtbot: QtBot, counterpart_home: Path
) -> None:
    context = make_context(counterpart_home)
    panel = BonusRulesPanel(context)
    qtbot.addWidget(panel)
    panel.point_value.setText("0")
    panel.save.click()
    assert panel.status.text().startswith("One point is worth")
    assert not context.config.file.exists()


def test_unreadable_settings_fall_back_to_defaults_and_say_so(
    qtbot: QtBot, counterpart_home: Path
) -> None:
    context = make_context(
        counterpart_home, config_text='[bonus]\npoint_value = "lots"\nrounding = "sideways"\n'
    )
    panel = BonusRulesPanel(context)
    qtbot.addWidget(panel)
    assert panel.point_value.text() == "1"
    assert "point_value" in panel.status.text() and "rounding" in panel.status.text()
