"""`kg`: load, validate, query and analyse the knowledge graph of regional collaboration systems."""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from kg.cli.output import Format, console, err_console, print_problems, print_rows, print_select
from kg.config import Settings
from kg.errors import KGError, LoadError, NotFound, QueryError, QueryRefused, StoreError
from kg.store import Store, open_store

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)
ontology_app = typer.Typer(help="Check the ontology, taxonomies and shapes; generate their documentation.")
taxonomy_app = typer.Typer(help="Browse the SKOS taxonomies.")
app.add_typer(ontology_app, name="ontology")
app.add_typer(taxonomy_app, name="taxonomy")

# exit codes, in one place: 0 fine, 1 the input has problems, 2 the command could not run
EXIT_PROBLEMS = 1
EXIT_ERROR = 2


_open_stores: list[Store] = []


def run(action: Callable[[], None]) -> None:
    """Run a command body, turning the package's errors into a clear message and exit code.

    Stores opened by the body are closed afterwards: the embedded store holds a lock on its folder."""
    try:
        action()
    except LoadError as exc:
        print_problems(exc.problems)
        raise typer.Exit(EXIT_PROBLEMS) from None
    except NotFound as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        if exc.valid:
            err_console.print("valid: " + ", ".join(exc.valid), highlight=False)
        raise typer.Exit(EXIT_ERROR) from None
    except (QueryError, QueryRefused, StoreError, KGError) as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
        raise typer.Exit(EXIT_ERROR) from None
    except OSError as exc:  # a full disk, a folder that cannot be written: a message, not a traceback
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        where = f" ({exc.filename})" if exc.filename else ""
        err_console.print(f"[red]error:[/red] {escape(reason + where)}", highlight=False)
        raise typer.Exit(EXIT_ERROR) from None
    finally:
        while _open_stores:
            _open_stores.pop().close()


def _settings() -> Settings:
    return Settings()


def _store(settings: Settings, write: bool = False) -> Store:
    """Open the configured store for the running command (read-only unless it writes, so that it also runs
    while `kg serve` holds the store); `run` closes it."""
    store = open_store(settings, read_only=not write)
    _open_stores.append(store)
    return store


# ----------------------------------------------------------------------------- ontology


@ontology_app.command("check")
def ontology_check() -> None:
    """Parse the ontology, taxonomies and shapes, validate the taxonomies with the shapes, count concepts."""
    from kg.ontology_check import check_ontology

    def body() -> None:
        report = check_ontology(_settings().ontology_dir)
        print_rows(["scheme", "concepts", "top concepts"], report.rows(), Format.table, title="Concept schemes")
        console.print(f"classes: {report.classes}, properties: {report.properties}, "
                      f"Table 1 assignments: {report.assignments}, shapes: {report.shapes}")
        if report.problems:
            raise LoadError(report.problems)
        console.print("[green]ontology OK[/green]")

    run(body)


@ontology_app.command("docs")
def ontology_docs(
    out: Annotated[Path, typer.Option(help="Folder for the generated documentation")] = Path("docs/ontology"),
) -> None:
    """Generate the ontology documentation (HTML via pyLODE, plus a Markdown index of the taxonomies)."""
    from kg.ontology_docs import write_docs

    def body() -> None:
        for path in write_docs(_settings().ontology_dir, out):
            console.print(f"wrote {path}")

    run(body)


@taxonomy_app.command("list")
def taxonomy_list(
    scheme: Annotated[str | None, typer.Argument(help="determinant, role, instrument, ... (none: list the schemes)")]
        = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List the concepts of a scheme: code, preferred label, alternative labels (all accepted in the template) and
    broader concept; without a scheme, the schemes."""
    from kg.ontology import concept_rows, scheme_rows

    def body() -> None:
        ontology_dir = _settings().ontology_dir
        if scheme is None:
            print_rows(["scheme", "concepts", "template columns"], scheme_rows(ontology_dir), fmt, title="schemes")
            return
        print_rows(["code", "label", "alt_labels", "broader"], concept_rows(ontology_dir, scheme), fmt,
                   title=f"scheme {scheme}")

    run(body)


# ----------------------------------------------------------------------------- data


def _progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(), console=err_console, transient=True,
    )


def _with_progress(paths: list[Path], settings: Settings, store: Store | None, load: bool, force: bool = False):
    from kg.loading.datasets import discover
    from kg.loading.loader import load_paths, validate_paths

    total = sum(len(discover(p)) for p in paths)
    with _progress_bar() as bar:
        task = bar.add_task("validating", total=total)

        def step(dataset_id: str) -> None:
            bar.update(task, advance=1, description=f"validating {dataset_id}")

        if load:
            assert store is not None
            return load_paths(paths, settings, store, step, keep_unchanged=not force)
        return validate_paths(paths, settings, store, step)


@app.command()
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Data-set files or folders (default: data/)")] = None,
) -> None:
    """Check data sets without changing the store: every problem by file, row and column."""

    def body() -> None:
        settings = _settings()
        # checked against the regions already loaded, when there is a store; a fresh machine has none yet
        fresh = settings.store == "embedded" and not (settings.store_path / "CURRENT").exists()
        store = None if fresh else _store(settings)
        graphs = _with_progress(paths or [settings.data_dir], settings, store, load=False)
        rows = [{"data set": k, "triples": len(g)} for k, g in graphs.items()]
        print_rows(["data set", "triples"], rows, Format.table, title="valid data sets")
        _warn_duplicates(graphs, store)

    run(body)


def _warn_duplicates(graphs: dict, store: Store | None) -> None:
    """Likely duplicate actors are warnings for a person to confirm, never errors (kg.loading.duplicates)."""
    from kg.loading.duplicates import likely_duplicates

    pairs = likely_duplicates(graphs, store)
    if not pairs:
        return
    rows = [{"actor": f"{d.first.name} ({d.first.dataset})", "may be the same as": f"{d.second.name} "
             f"({d.second.dataset})", "because": d.reason} for d in pairs]
    err_console.print(f"[yellow]warning:[/yellow] {len(pairs)} pair(s) of actors may be one organisation: give "
                      f"them one id if they are", highlight=False)
    print_rows(["actor", "may be the same as", "because"], rows, Format.table, title="likely duplicates")


@app.command()
def load(
    paths: Annotated[list[Path] | None, typer.Argument(help="Data-set files or folders (default: data/)")] = None,
    force: Annotated[bool, typer.Option("--force", help="Validate and write every data set, changed or not")] = False,
) -> None:
    """Validate and load data sets atomically: each into its own named graph, replacing what was there.

    A data set whose files, ontology, loading code and regions are unchanged since it was loaded is kept as it
    is (its content hash says so), unless --force."""

    def body() -> None:
        settings = _settings()
        store = _store(settings, write=True)
        before = store.triple_count()
        loaded = _with_progress(paths or [settings.data_dir], settings, store, load=True, force=force)
        rows = [{"data set": d.id, "status": "unchanged, kept" if d.unchanged else "loaded", "triples": d.triples,
                 "actors": d.actors, "services": d.services} for d in loaded]
        print_rows(["data set", "status", "triples", "actors", "services"], rows, Format.table, title="loaded")
        kept = sum(d.unchanged for d in loaded)
        if kept:
            console.print(f"{kept} of {len(loaded)} data sets unchanged since they were loaded: kept "
                          "(kg load --force reloads them)")
        console.print(f"store: {before} → {store.triple_count()} triples")

    run(body)


@app.command()
def unload(dataset: Annotated[str, typer.Argument(help="Data-set id")],
           force: Annotated[bool, typer.Option("--force", help="Remove it even though other data sets refer to "
                                                             "what it defines")] = False) -> None:
    """Remove a data set's named graph (refused while other data sets refer to what it defines)."""
    from kg.loading.loader import unload as unload_dataset

    def body() -> None:
        store = _store(_settings(), write=True)
        unload_dataset(dataset, store, allow_dependents=force)
        console.print(f"removed {dataset}")

    run(body)


@app.command()
def stats(fmt: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """Graphs, triples, actors and services per region."""
    from kg.stats import store_stats

    def body() -> None:
        report = store_stats(_store(_settings()))
        if fmt is not Format.table:
            print_rows(["graph", "triples"], report.graph_rows(), fmt)
            return
        print_rows(["graph", "triples"], report.graph_rows(), fmt, title="named graphs")
        print_rows(["region", "name", "actors", "services"], report.region_rows, fmt,
                   title="actors and services by country / region of seat")
        console.print(f"total: {report.triples} triples, {report.actors} actors, {report.services} services, "
                      f"{report.regions} regions")

    run(body)


# ----------------------------------------------------------------------------- queries


@app.command()
def queries() -> None:
    """List the named queries (the competency questions) with their parameters."""
    from kg.queries import all_queries

    rows = [
        {"name": q.name, "title": q.title, "params": ", ".join(f"{p.name}:{p.kind}" for p in q.params)}
        for q in all_queries().values()
    ]
    print_rows(["name", "title", "params"], rows, Format.table, title="named queries")


@app.command()
def query(
    query: Annotated[str, typer.Argument(help="A named query (kg queries), a .rq file, or SPARQL text")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value, e.g. region=DE126")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Run a SELECT query and print its rows."""
    from kg.querying import run_query

    def body() -> None:
        settings = _settings()
        result = run_query(query, dict(_split_param(p) for p in (param or [])), settings, _store(settings))
        print_select(result, fmt)

    run(body)


def _split_param(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise QueryRefused(f"write parameters as name=value, not {text!r}")
    name, value = text.split("=", 1)
    return name.strip(), value.strip()


def main() -> None:  # pragma: no cover - console entry for `python -m kg`
    app(prog_name="kg")
    sys.exit(0)


# commands defined in their own modules register themselves here
from kg.cli import analysis, export, importers, report, serve, template  # noqa: E402

for _module in (analysis, serve, export, importers, report, template):
    _module.register(app)
