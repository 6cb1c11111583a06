"""`kg import edih | indicators`: build loadable data sets from public open data.

Each command reads a source export, writes a data-set folder (Turtle, PROVENANCE.md, reports) and changes no
store; `kg load` loads the folder like any other data set.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from kg.config import PROJECT_ROOT

import_app = typer.Typer(help="Build data sets from public open data (written as data-set folders; `kg load` them).")

DATA = PROJECT_ROOT / "data"
CROSSWALK = DATA / "crosswalks" / "edih-services.csv"
SourcesOpt = Annotated[Path, typer.Option(
    help="Folder with the NUTS, postcode and LAU source copies (nuts2024/, nuts-history/, postcode-nuts/, lau/)")]
RegionsOpt = Annotated[Path, typer.Option(help="Data folder whose regions-* data sets the import attaches to")]


@import_app.command("edih")
def import_edih(
    path: Annotated[Path, typer.Argument(help="Folder with edih_catalogue.csv (or that file), e.g. data/sources/edih")],
    out: Annotated[Path, typer.Option(help="Data-set folder to write")] = DATA / "edih",
    crosswalk: Annotated[Path, typer.Option(help="Reviewed service crosswalk")] = CROSSWALK,
    sources: SourcesOpt = DATA / "sources",
    regions: RegionsOpt = DATA,
) -> None:
    """Import the EDIH catalogue: hubs placed in regions, their services mapped through the crosswalk, reports."""
    from kg.cli.main import _settings, run
    from kg.cli.output import Format, console, print_rows
    from kg.importers.edih import import_catalogue, level_counts
    from kg.importers.edih_reports import LEVELS, write_dataset
    from kg.importers.nuts_versions import graph_regions
    from kg.ontology import taxonomy_index

    def body() -> None:
        schemes = taxonomy_index(_settings().ontology_dir)
        result = import_catalogue(path, crosswalk, sources, schemes, graph_regions(regions))
        catalogue = path / "edih_catalogue.csv" if path.is_dir() else path
        issues = write_dataset(result, out, {"edih_catalogue.csv": catalogue, crosswalk.name: crosswalk})
        totals: dict[int, int] = {}
        for counts in level_counts(result).values():
            for level, n in counts.items():
                totals[level] = totals.get(level, 0) + n
        hubs = len(result.hubs)
        rows = [{"level": LEVELS[lvl], "hubs": totals.get(lvl, 0), "share": f"{100 * totals.get(lvl, 0) / hubs:.1f} %"}
                for lvl in (3, 2, 1, 0)]
        print_rows(["level", "hubs", "share"], rows, Format.table, title=f"{hubs} hubs placed")
        print_rows(["finding", "hubs"], [{"finding": k, "hubs": v} for k, v in sorted(issues.items())], Format.table,
                   title="data quality")
        console.print(f"wrote {out} ({len(result.graph):,} triples); reports: placement-report.md, quality-report.md")

    run(body)


@import_app.command("indicators")
def import_indicators_command(
    path: Annotated[Path, typer.Argument(
        help="Folder with indicators.csv and regional_innovation_indicators.csv, e.g. "
             "data/sources/eurostat-regional-innovation")],
    out: Annotated[Path, typer.Option(help="Data-set folder to write")] = DATA / "indicators-eurostat",
    years: Annotated[str | None, typer.Option(
        help="Years to write, FIRST-LAST (default: each indicator's latest three)")] = None,
    sources: SourcesOpt = DATA / "sources",
    regions: RegionsOpt = DATA,
) -> None:
    """Import Eurostat's regional innovation indicators as observations on regions, version-safely."""
    from kg.cli.main import run
    from kg.cli.output import console
    from kg.importers.indicators import import_indicators, write_dataset
    from kg.importers.nuts_versions import graph_regions

    span = re.fullmatch(r"(\d{4})-(\d{4})", years.strip()) if years else None
    if years and (span is None or int(span[1]) > int(span[2])):
        raise typer.BadParameter(f"write the years as FIRST-LAST, e.g. 2011-2020, not {years!r}", param_hint="--years")
    chosen = range(int(span[1]), int(span[2]) + 1) if span else None

    def body() -> None:
        result = import_indicators(path, sources, graph_regions(regions), chosen)
        write_dataset(result, out)
        outcome = ", ".join(f"{k}: {v:,}" for k, v in sorted(result.linked.items()))
        console.print(f"wrote {out} ({len(result.graph):,} triples); observations {outcome}; "
                      f"left out {sum(result.dropped_codes.values()):,} rows of aggregates and other countries")

    run(body)


def register(app: typer.Typer) -> None:
    """Add `kg import ...` to the `kg` application."""
    app.add_typer(import_app, name="import")
