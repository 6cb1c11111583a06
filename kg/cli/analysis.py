"""`kg coverage | gaps | overlaps | brokers | signpost | compare | whatif | responsibility`: the analyses of
kg/analysis on the command line. Each command computes one typed result; `--format json` prints its
`to_dict()` (shapes in docs/analyses.md), csv/tsv print its main list flat, the table is for reading.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, Protocol

import typer
from rich.markup import escape

from kg.cli.output import Format, console, print_rows

PANEL = "Analyses"

Region = Annotated[str, typer.Argument(help="Region code at any level: DE, DE1, DE12, DE126, US-MA, US-25025, IL")]
FormatOpt = Annotated[Format, typer.Option("--format", help="table, csv, tsv or json (shapes: docs/analyses.md)")]
Above = Annotated[bool, typer.Option(
    "--above/--no-above", help="Count services offered in areas that contain the region (national, EU)")]
Subregions = Annotated[bool, typer.Option(
    "--subregions/--no-subregions", help="Count services offered only in parts of the region")]


class Result(Protocol):
    def to_dict(self) -> dict: ...


def _run(fmt: Format, compute: Callable[..., Result], render: Callable[[Any, Format], None]) -> None:
    """Compute on the configured store (`run` closes it) and print: JSON as the result's dict, else `render`."""
    from kg.cli.main import _settings, _store, run

    def body() -> None:
        settings = _settings()
        result = compute(_store(settings), settings)
        if fmt is Format.json:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            render(result, fmt)

    run(body)


def _names(ids: Iterable[str], actors: Mapping, fmt: Format) -> str:
    """Actor ids for machines, names for people."""
    if fmt is not Format.table:
        return ";".join(ids)
    return ", ".join(escape(actors[i].name if i in actors else i) for i in ids)


def _count(n: int, fmt: Format) -> str:
    """A provider count, coloured by what it means: red a gap, yellow a single point, green covered."""
    if fmt is not Format.table:
        return str(n)
    colour = "red" if n == 0 else "yellow" if n == 1 else "green"
    return f"[{colour}]{n}[/{colour}]"


def _finding_rows(kind: str, findings: Iterable, actors: Mapping, fmt: Format) -> list[dict]:
    return [
        {
            "kind": kind, "determinant": f.determinant, "category": f.category or "", "phase": f.phase,
            "providers": _names(f.providers, actors, fmt), "signposting": _names(f.signposting, actors, fmt),
            "channelling": _names(f.channelling, actors, fmt),
            "phase unspecified": _names(f.phase_unspecified, actors, fmt),
        }
        for f in findings
    ]


FINDING_COLUMNS = ["kind", "determinant", "category", "phase", "providers", "signposting", "channelling",
                   "phase unspecified"]


def _print_findings(groups: list[tuple[str, Iterable]], actors: Mapping, fmt: Format, title: str) -> None:
    rows = [row for kind, findings in groups for row in _finding_rows(kind, findings, actors, fmt)]
    print_rows(FINDING_COLUMNS, rows, fmt, title=title)


# ----------------------------------------------------------------------------- coverage


def _render_coverage(cov, fmt: Format) -> None:
    phases = [*cov.phases, "unspecified"]
    if fmt is not Format.table:
        rows = [
            {"row": c.row, "phase": c.phase, "providers": c.providers, "direct": _names(c.direct, cov.actors, fmt),
             "signposting": _names(c.signposting, cov.actors, fmt),
             "channelling": _names(c.channelling, cov.actors, fmt)}
            for c in cov.cells
        ]
        print_rows(["row", "phase", "providers", "direct", "signposting", "channelling"], rows, fmt)
        return
    rows = []
    for row in cov.rows:
        label = ("  " if row.parent else "") + escape(row.label)
        entry = {"row": f"[bold]{label}[/bold]" if row.rollup else label}
        for phase in phases:
            cell = cov.cell(row.code, phase)
            text = _count(cell.providers, fmt) if phase != "unspecified" else str(cell.providers or "")
            access = "".join(f" +{len(ids)}{mark}" for ids, mark in ((cell.signposting, "s"), (cell.channelling, "c"))
                             if ids)
            entry[phase] = text + (f"[cyan]{access}[/cyan]" if access else "")
        rows.append(entry)
    scope = cov.scope
    print_rows(["row", *phases], rows, fmt, title=f"{cov.dimension} × phase in {scope.code} {escape(scope.label)}")
    console.print("[dim]distinct direct providers per cell; +Ns signposting, +Nc channelling (access, not "
                  "provision); bold rows are roll-ups of the rows under them[/dim]")


def coverage_cmd(
    region: Region,
    dimension: Annotated[str, typer.Option(help="determinant, service-category or target-group")] = "determinant",
    above: Above = True,
    subregions: Subregions = True,
    fmt: FormatOpt = Format.table,
) -> None:
    """Coverage matrix of a region: distinct providers per (concept, phase), direct apart from access."""
    from kg.analysis.coverage import coverage

    _run(fmt, lambda store, settings: coverage(store, settings, region, dimension, above, subregions),
         _render_coverage)


# ----------------------------------------------------------------------------- gaps, whatif


def _render_gaps(report, fmt: Format) -> None:
    groups = [("gap", report.gaps), ("single-point", report.single_points), ("category-gap", report.category_gaps)]
    _print_findings(groups, report.actors, fmt, f"gaps and single points in {report.scope.code}")
    if fmt is Format.table:
        console.print(f"{report.cells} cells: [red]{len(report.gaps)} gaps[/red], "
                      f"[yellow]{len(report.single_points)} single points of failure[/yellow]")


def gaps_cmd(region: Region, above: Above = True, subregions: Subregions = True, fmt: FormatOpt = Format.table) -> None:
    """Cells (sub-determinant × phase) with no direct provider, and with exactly one."""
    from kg.analysis.gaps import gaps

    _run(fmt, lambda store, settings: gaps(store, settings, region, above, subregions), _render_gaps)


def _render_whatif(report, fmt: Format) -> None:
    groups = [("lost", report.lost), ("weakened", report.weakened), ("category-lost", report.category_lost)]
    _print_findings(groups, report.actors, fmt, f"without {escape(report.removed.name)} in {report.scope.code}")
    if fmt is Format.table:
        console.print(f"provides directly in {report.provides_in} cells; [red]{len(report.lost)} would become "
                      f"gaps[/red], [yellow]{len(report.weakened)} single points[/yellow]")


def whatif_cmd(
    region: Region,
    actor: Annotated[str, typer.Argument(help="Actor id, as in the data set's actors.csv")],
    above: Above = True,
    subregions: Subregions = True,
    fmt: FormatOpt = Format.table,
) -> None:
    """Take an actor out: the cells that would lose all provision, and those left with one provider."""
    from kg.analysis.gaps import whatif

    _run(fmt, lambda store, settings: whatif(store, settings, region, actor, above, subregions), _render_whatif)


# ----------------------------------------------------------------------------- overlaps


def _render_overlaps(report, fmt: Format) -> None:
    rows = []
    for kind, cells in (("overlap", report.overlaps), ("coordinated", report.coordinated)):
        for crowded in cells:
            row = _finding_rows(kind, [crowded.finding], report.actors, fmt)[0]
            row["links"] = ";".join(f"{lk.source} {lk.relation} {lk.target}" for lk in crowded.links)
            rows.append(row)
    columns = ["kind", "determinant", "category", "phase", "providers", "links"]
    print_rows(columns, rows, fmt, title=f"cells with ≥ {report.min_providers} providers in {report.scope.code}")


def overlaps_cmd(
    region: Region,
    min_providers: Annotated[int, typer.Option("--min-providers", "-k", help="Providers a cell needs")] = 3,
    above: Above = True,
    subregions: Subregions = True,
    fmt: FormatOpt = Format.table,
) -> None:
    """Cells with at least k providers and no collaboration or coordination link among them."""
    from kg.analysis.overlaps import overlaps

    _run(fmt, lambda store, settings: overlaps(store, settings, region, min_providers, above, subregions),
         _render_overlaps)


# ----------------------------------------------------------------------------- brokers


def _render_brokers(report, fmt: Format, top: int) -> None:
    rows = [
        {"rank": i, "actor": b.actor if fmt is not Format.table else escape(report.actors[b.actor].name),
         "sphere": report.actors[b.actor].sphere or "", "betweenness": f"{b.betweenness:.3f}", "degree": b.degree,
         "bridging": b.bridging, "public-private": "yes" if b.spans_public_private else "",
         "reason": escape(b.reason) if fmt is Format.table else b.reason}
        for i, b in enumerate(report.brokers[:top], start=1)
    ]
    columns = ["rank", "actor", "sphere", "betweenness", "degree", "bridging", "public-private", "reason"]
    print_rows(columns, rows, fmt, title=f"brokers in {report.scope.code} {escape(report.scope.label)}")
    if fmt is Format.table:
        sizes = ", ".join(str(len(c)) for c in report.components)
        ties = len({frozenset((link.source, link.target)) for link in report.links})
        console.print(f"{len(report.actors)} actors, {ties} ties; {len(report.components)} components of 2+ actors"
                      f"{f' (sizes {sizes})' if sizes else ''}; {len(report.isolates)} isolates; "
                      f"{len(report.communities)} communities; {len(report.bridges)} public/private bridges")


def brokers_cmd(
    region: Region,
    served: Annotated[bool, typer.Option(
        "--served/--located", help="Also count actors whose services are offered in the region")] = False,
    top: Annotated[int, typer.Option(help="Brokers to show in a table or csv")] = 10,
    fmt: FormatOpt = Format.table,
) -> None:
    """Brokers of the region's actor network (betweenness, public/private bridging), with reasons."""
    from kg.analysis.network import brokers

    _run(fmt, lambda store, settings: brokers(store, settings, region, served),
         lambda report, f: _render_brokers(report, f, top))


# ----------------------------------------------------------------------------- signposting


def _render_signpost(report, fmt: Format) -> None:
    actors = report.actors
    rows = [
        {"kind": "provider", "actor": _names([p.actor], actors, fmt), "detail": ";".join(p.services),
         "in region": "yes" if p.in_region else "by referral"}
        for p in report.providers
    ]
    rows += [
        {"kind": a.mode, "actor": _names([a.actor], actors, fmt), "detail": a.service,
         "in region": "→ " + _names(a.signposts_to, actors, fmt) if a.signposts_to else ""}
        for a in report.access
    ]
    rows += [
        {"kind": "chain", "actor": _names([c.provider], actors, fmt),
         "detail": " > ".join(_names([a], actors, fmt) for a in c.path), "in region": ";".join(c.via)}
        for c in report.chains
    ]
    need = report.need
    title = f"{need.determinant}, {need.phase}" + (f", {need.target_group}" if need.target_group else "")
    print_rows(["kind", "actor", "detail", "in region"], rows, fmt, title=f"{title} in {report.scope.code}")


def signpost_cmd(
    region: Region,
    determinant: Annotated[str, typer.Option("--determinant", "-d", help="Determinant code or label")],
    phase: Annotated[str, typer.Option("--phase", "-p", help="pre-start, start-up, growth or established")],
    target_group: Annotated[str | None, typer.Option("--target-group", "-t", help="Target group code")] = None,
    above: Above = True,
    subregions: Subregions = True,
    fmt: FormatOpt = Format.table,
) -> None:
    """For a need, the providers reachable from the region and the referral chains that lead to them."""
    from kg.analysis.signposting import signpost

    _run(fmt, lambda store, settings: signpost(store, settings, region, determinant, phase, target_group, above,
                                               subregions), _render_signpost)


# ----------------------------------------------------------------------------- comparison


def _render_compare(result, fmt: Format) -> None:
    actors = result.actors
    rows = [
        {"kind": kind, "determinant": d.determinant, "category": d.category or "", "phase": d.phase,
         result.region.code: _names(d.region, actors, fmt), result.model.code: _names(d.model, actors, fmt)}
        for kind, diffs in (("model-only", result.model_only), ("region-only", result.region_only),
                            ("differing", result.differing))
        for d in diffs
    ]
    columns = ["kind", "determinant", "category", "phase", result.region.code, result.model.code]
    print_rows(columns, rows, fmt, title=f"{result.region.code} compared with {result.model.code}")
    if fmt is Format.table:
        def show(x: float | None) -> str:
            return "n/a" if x is None else f"{x:.2f}"

        console.print(f"covered cells: {result.region.code} {result.covered_region}, {result.model.code} "
                      f"{result.covered_model}, both {result.covered_both} of {result.cells}; similarity: "
                      f"Jaccard {show(result.jaccard)}, cosine {show(result.cosine)}")
        if result.model_only_instruments:
            console.print("instruments only the model uses: " + ", ".join(result.model_only_instruments))


def compare_cmd(
    region: Region,
    model: Annotated[str, typer.Argument(help="The other region, or a model region: mannheim, massachusetts")],
    above: Above = True,
    subregions: Subregions = True,
    fmt: FormatOpt = Format.table,
) -> None:
    """Compare a region's coverage with another region or a model region, cell by cell."""
    from kg.analysis.comparison import compare

    _run(fmt, lambda store, settings: compare(store, settings, region, model, above, subregions), _render_compare)


# ----------------------------------------------------------------------------- responsibility

STATUS_COLOUR = {"met": "green", "other-actors": "yellow", "unaddressed": "red"}


def _render_responsibility(report, fmt: Format) -> None:
    actors = report.actors

    def status(text: str) -> str:
        return f"[{STATUS_COLOUR[text]}]{text}[/{STATUS_COLOUR[text]}]" if fmt is Format.table else text

    rows = [
        {"determinant": e.determinant, "category": e.category or "", "expected": f"{e.actor_type} as {e.role}",
         "status": status(e.status), "by": _names(e.actors, actors, fmt),
         "others": _names([a for a, _ in e.others], actors, fmt)}
        for e in report.expectations
    ]
    columns = ["determinant", "category", "expected", "status", "by", "others"]
    print_rows(columns, rows, fmt, title=f"Table 1 expectations in {report.scope.code}")
    if fmt is Format.table:
        issues = [("funded, not delivered", i) for i in report.funded_not_delivered]
        issues += [("delivered, no funder", i) for i in report.delivered_without_funder]
        for label, issue in issues:
            console.print(f"[yellow]{label}[/yellow]: {escape(issue.funded)} – {escape(issue.note)}")


def responsibility_cmd(
    region: Region, above: Above = True, subregions: Subregions = True, fmt: FormatOpt = Format.table
) -> None:
    """Where the region departs from Table 1's division of responsibility; funding without delivery."""
    from kg.analysis.responsibility import responsibility

    _run(fmt, lambda store, settings: responsibility(store, settings, region, above, subregions),
         _render_responsibility)


COMMANDS: dict[str, Callable[..., None]] = {
    "coverage": coverage_cmd,
    "gaps": gaps_cmd,
    "overlaps": overlaps_cmd,
    "brokers": brokers_cmd,
    "signpost": signpost_cmd,
    "compare": compare_cmd,
    "whatif": whatif_cmd,
    "responsibility": responsibility_cmd,
}


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the `kg` application."""
    for name, command in COMMANDS.items():
        app.command(name, rich_help_panel=PANEL)(command)
