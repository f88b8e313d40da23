"""The whole review as a PDF with Qt's own writer (QPdfWriter + QTextDocument), A4 or Letter.

The figures, every chart (drawn at print resolution) and every table go into one HTML document;
QTextDocument lays it out and breaks it into pages for the chosen paper.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QMarginsF, QSize, QSizeF, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from app.domain.daily_review import Figure
from app.services.exports import ReportTable
from app.ui.views.reports.tiles import change_text, figure_text

PAPERS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
CHART_SIZE = QSize(520, 300)
ROW_LIMIT = 120  # rows per table on paper
STYLE = """
body { font-family: sans-serif; font-size: 8pt; color: #222; }
h1 { font-size: 15pt; margin: 0; } h2 { font-size: 11pt; margin-top: 14px; }
p.sub { color: #555; margin-top: 2px; }
table.data { border-collapse: collapse; }
table.data th { background: #e8edf3; text-align: left; padding: 2px 4px; }
table.data td { padding: 1px 4px; border-bottom: 1px solid #ddd; }
td.good { color: #2b7a3d; } td.bad { color: #b23a2a; }
"""


def chart_image(chart: QChart) -> QImage:
    """A chart drawn off screen, larger than it is printed, so it stays sharp on paper."""
    view = QChartView(chart)  # the view owns the chart from here on
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.resize(CHART_SIZE)
    return view.grab().toImage()


def _figures_html(figures: Sequence[Figure]) -> str:
    rows = []
    for f in figures:
        text, tone = change_text(f)
        rows.append(
            f"<tr><td>{html.escape(f.label)}</td><td align='right'><b>"
            f"{html.escape(figure_text(f.kind, f.value))}</b></td>"
            f"<td class='{tone}'>{html.escape(text)}</td></tr>"
        )
    return "<table class='data' width='70%'><tr><th>Figure</th><th>Value</th>" + (
        "<th>Change vs previous period</th></tr>" + "".join(rows) + "</table>"
    )


def _paper_text(value: str) -> str:
    """ISO times shortened to the minute: paper has no room for seconds and offsets."""
    if len(value) >= 19 and value[4] == "-" and value[10] == "T":
        return f"{value[:10]} {value[11:16]}"
    return value


def _table_html(title: str, table: ReportTable, columns: Sequence[str] | None, limit: int) -> str:
    headers = list(table.headers)
    keep = [headers.index(c) for c in columns or headers if c in headers]
    head = "".join(f"<th>{html.escape(headers[i].capitalize())}</th>" for i in keep)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_paper_text(row[i]))}</td>" for i in keep) + "</tr>"
        for row in table.rows[:limit]
    )
    count = f"{len(table.rows):,} rows"
    if len(table.rows) > limit:
        # Paper is for reading: the whole table is one "Export CSV" away.
        count = f"first {limit:,} of {len(table.rows):,} rows; export the table as CSV for all"
    return (
        f"<h2>{html.escape(title)} <small>({count})</small></h2>"
        f"<table class='data' width='100%'><tr>{head}</tr>{body}</table>"
    )


def review_document(
    title: str,
    subtitle: str,
    figures: Sequence[Figure],
    charts: Sequence[QChart],
    tables: Sequence[tuple[str, ReportTable, Sequence[str] | None]],
) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultStyleSheet(STYLE)
    parts = [f"<h1>{html.escape(title)}</h1><p class='sub'>{html.escape(subtitle)}</p>"]
    parts.append("<h2>Headline figures</h2>" + _figures_html(figures))
    parts.append("<h2>Charts</h2><table width='100%'>")
    for number, chart in enumerate(charts):
        url = QUrl(f"chart://{number}")
        doc.addResource(QTextDocument.ResourceType.ImageResource, url, chart_image(chart))
        cell = f"<td><img src='{url.toString()}' width='330'/></td>"
        parts.append(("<tr>" if number % 2 == 0 else "") + cell + ("</tr>" if number % 2 else ""))
    parts.append("</table>")
    parts += [_table_html(name, table, cols, ROW_LIMIT) for name, table, cols in tables]
    doc.setHtml("<body>" + "".join(parts) + "</body>")
    return doc


def write_pdf(path: Path, document: QTextDocument, paper: str = "A4") -> int:
    """Lay ``document`` out on ``paper`` (A4 or Letter) and write it; returns the page count."""
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    layout = QPageLayout(
        QPageSize(PAPERS[paper]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(12, 12, 12, 12),
        QPageLayout.Unit.Millimeter,
    )
    writer.setPageLayout(layout)
    # Lay the text out at screen resolution on the page's printable area; print_() then scales
    # it to the writer's 300 dpi, so 8 pt type prints as 8 pt.
    dpi = (
        QGuiApplication.primaryScreen().logicalDotsPerInch()
        if QGuiApplication.primaryScreen()
        else 96.0
    )
    area = layout.paintRect(QPageLayout.Unit.Inch)
    document.setPageSize(QSizeF(area.width() * dpi, area.height() * dpi))
    pages = document.pageCount()
    document.print_(writer)
    return pages
