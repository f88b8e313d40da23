"""The review's charts, drawn with QtCharts (chosen for its small installer cost: issue 9).

Amounts become floats here and only here: a bar's length is a pixel count, not money.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from app.domain.review import Review
from app.domain.review_breakdowns import (
    by_hour,
    by_order_type,
    by_sales_channel,
    by_store,
    cancellations_by_reason,
)
from app.domain.review_demand import rank_by_sales, rank_by_units
from app.services.review_request import local_zone

BAR = QColor("#3b7dd8")
WARN = QColor("#c8553d")
TOP = 8  # bars on a ranked chart: more stop being readable at this size


def _axis_font() -> QFont:
    font = QFont()
    font.setPointSizeF(8.5)
    return font


def nice_scale(values: Sequence[float]) -> tuple[float, int]:
    """An axis top and tick count whose steps are round numbers (1, 2, 5 x 10^n)."""
    top = max(values, default=0.0)
    if top <= 0:
        return 1.0, 2
    rough = top / 4
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    steps = math.ceil(top / step)
    return step * steps, steps + 1


def _hour_axis(count: int) -> QCategoryAxis:
    """Every third hour labelled: 24 labels do not fit under a half-width chart."""
    axis = QCategoryAxis()
    axis.setRange(-0.5, count - 0.5)
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    for hour in range(0, count, 3):
        axis.append(f"{hour:02d}:00", hour)
    axis.setLabelsFont(_axis_font())
    axis.setGridLineVisible(False)
    return axis


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    horizontal: bool = False,
    color: QColor = BAR,
    hours: bool = False,
) -> QChart:
    """One series of bars; horizontal for ranked names (they read better down the side)."""
    bars = QBarSet(title)
    bars.append([float(v) for v in values])
    bars.setColor(color)
    bars.setBorderColor(color)
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(bars)
    series.setBarWidth(0.7)
    chart = QChart()
    chart.addSeries(series)
    chart.setTitle(title)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    categories: QBarCategoryAxis | QCategoryAxis
    if hours:
        categories = _hour_axis(len(labels))
    else:
        categories = QBarCategoryAxis()
        categories.append(list(labels) or [""])
        categories.setLabelsFont(_axis_font())
        categories.setGridLineVisible(False)
    amounts = QValueAxis()
    top, ticks = nice_scale(values)
    amounts.setRange(0, top)
    amounts.setTickCount(ticks)
    amounts.setLabelFormat("%.0f" if top >= 4 else "%.1f")
    amounts.setLabelsFont(_axis_font())
    cat_side, value_side = (
        (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
        if horizontal
        else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
    )
    chart.addAxis(categories, cat_side)
    chart.addAxis(amounts, value_side)
    series.attachAxis(categories)
    series.attachAxis(amounts)
    return chart


def _f(amount: Decimal) -> float:
    return float(amount)


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def review_charts(review: Review, names: dict[str, str]) -> list[QChart]:
    """Every chart of the overview, in reading order."""
    hours = by_hour(review.orders, local_zone())
    stores = by_store(review.orders, names)[:TOP]
    types = by_order_type(review.orders)[:TOP]
    channels = by_sales_channel(review.orders)[:TOP]
    top_sales = rank_by_sales(review.sales)[:TOP]
    top_units = rank_by_units(review.sales)[:TOP]
    reasons = cancellations_by_reason(review.orders)[:TOP]

    def ranked(title: str, labels: list[str], values: list[float], color: QColor = BAR) -> QChart:
        # Horizontal bars run bottom-up: reverse so the biggest sits on top.
        return bar_chart(title, labels[::-1], values[::-1], horizontal=True, color=color)

    return [
        bar_chart(
            "Orders by hour", [b.label for b in hours], [b.orders for b in hours], hours=True
        ),
        bar_chart(
            "Sales by hour ($)", [b.label for b in hours], [_f(b.sales) for b in hours], hours=True
        ),
        ranked(
            "Sales by store ($)",
            [_short(b.label) for b in stores],
            [_f(b.sales) for b in stores],
        ),
        ranked("Orders by type", [b.label for b in types], [b.orders for b in types]),
        ranked(
            "Sales by channel ($)",
            [b.label for b in channels],
            [_f(b.sales) for b in channels],
        ),
        ranked(
            "Cancellations by reason",
            [_short(r.reason) for r in reasons],
            [r.count for r in reasons],
            color=WARN,
        ),
        ranked(
            "Top products by sales ($)",
            [_short(s.title or "?") for s in top_sales],
            [_f(s.total_sales or Decimal(0)) for s in top_sales],
        ),
        ranked(
            "Top products by units",
            [_short(s.title or "?") for s in top_units],
            [float(s.units_sold or 0) for s in top_units],
        ),
    ]


def chart_view(chart: QChart, parent: QWidget | None = None) -> QChartView:
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(240)
    return view
