"""`kg report REGION -o report.html`: the region's dashboard, findings, network picture, comparison with a
model region, data completeness and sources as one self-contained HTML file that prints on A4."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command(rich_help_panel="Analyses")
    def report(
        region: Annotated[str, typer.Argument(help="Region code (DE126, DK05, US-MA, a country) or name")],
        out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write")] = Path("report.html"),
        model: Annotated[str | None, typer.Option(
            help="Model region to compare with (default: Mannheim DE126; Massachusetts for Mannheim)")] = None,
        base_url: Annotated[str, typer.Option(
            help="Where the report's links to actor and service pages point (a running `kg serve`)")]
            = "http://127.0.0.1:8000",
    ) -> None:
        """Write one self-contained HTML report of a region (styles, script and pictures inline)."""
        from api.report import report_html
        from kg.cli.main import _settings, _store, run
        from kg.cli.output import console
        from kg.lookup.catalogue import Catalogue

        def body() -> None:
            settings = _settings()
            store = _store(settings)
            catalogue = Catalogue(settings.ontology_dir, store)
            code = catalogue.regions.resolve(region).code
            out.write_text(report_html(store, settings, catalogue, code, model, base_url.rstrip("/")),
                           encoding="utf-8")
            console.print(f"wrote {out} ({out.stat().st_size // 1024} KiB): report on {code}")

        run(body)
