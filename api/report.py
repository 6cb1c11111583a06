"""The region report as one self-contained HTML file: styles, script and pictures inline, nothing to fetch,
so it opens from a file:// URL, mails as an attachment and prints on A4. The server's /regions/{code}/report
and `kg report` render it the same way."""

from __future__ import annotations

from datetime import date

from api.network_picture import network_svg
from api.pages import InlineAssets, analysis_context, page_html
from kg.analysis.report import report
from kg.config import Settings
from kg.lookup.catalogue import Catalogue
from kg.store import Store


def report_html(store: Store, settings: Settings, catalogue: Catalogue, region: str, model: str | None = None,
                root: str = "") -> str:
    """The report of `region` against `model` (Mannheim by default); links to pages start with `root`."""
    found = report(store, settings, region, model)
    return page_html("report.html", f"Report on {found.board.scope.label}", catalogue, root,
                     report=found, board=found.board, picture=network_svg(found.board.network),
                     inline_assets=InlineAssets(), today=date.today().isoformat(), **analysis_context(catalogue))
