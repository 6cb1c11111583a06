"""Validate and load data sets: parse, map, check references, SHACL-validate, then replace the data sets'
named graphs in one transaction. A failed load changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.config import Settings
from kg.errors import LoadError, Problem
from kg.loading.caps import InputTooLarge
from kg.loading.datasets import DataSetSource, discover
from kg.loading.dependents import replacement_check
from kg.loading.fingerprint import fingerprints, stamp, unchanged
from kg.loading.nuts_guard import RetiredCodes
from kg.loading.tables import read_csv_folder, read_workbook
from kg.loading.template import ActorsElsewhere, TemplateContext, template_to_graph
from kg.namespaces import ONTOLOGY_GRAPH, RC, dataset_graph, dataset_iri
from kg.ontology import ontology_graph, shapes_graph, taxonomy_index
from kg.rdfio import parse_rdf_file
from kg.store import Store
from kg.validation import shacl_problems

Progress = Callable[[str], None]


@dataclass
class LoadedDataSet:
    id: str
    graph_iri: str
    triples: int
    actors: int
    services: int
    unchanged: bool = False  # kept as it was in the store: its inputs had not changed


class RegionIndex:
    """Region codes and containment known to the store plus those arriving in the same load."""

    def __init__(self, store: Store | None, retired: RetiredCodes | None = None):
        self.retired = retired or RetiredCodes(None)
        self.by_code: dict[str, URIRef] = {}
        self.ancestors: dict[URIRef, set[URIRef]] = {}
        if store is not None:
            rows = store.select("SELECT ?r ?code WHERE { ?r rc:regionCode ?code }").rows
            self.by_code.update({str(r["code"]): r["r"] for r in rows})
            for row in store.select("SELECT ?r ?a WHERE { ?r rc:withinRegion ?a }").rows:
                self.ancestors.setdefault(row["r"], set()).add(row["a"])

    def add_graph(self, graph: Graph) -> None:
        for region, code in graph.subject_objects(RC.regionCode):
            self.by_code[str(code)] = region
        for region, ancestor in graph.subject_objects(RC.withinRegion):
            self.ancestors.setdefault(region, set()).add(ancestor)

    def resolve(self, code: str) -> URIRef | None:
        return self.by_code.get(code.strip()) or self.by_code.get(code.strip().upper())

    def known(self, region: URIRef) -> bool:
        return region in self.ancestors or region in self.by_code.values()

    def explain(self, code: str) -> str:
        """Why a region code is unknown: a code of an older NUTS version is named as such, with its NUTS 2024
        successor, so that a data set written on NUTS 2021 fails with a clear message instead of a silent miss."""
        return self.retired.explain(code)


def _materialise_location(graph: Graph, regions: RegionIndex) -> None:
    """Add rc:locatedWithin for the seat and every enclosing region: regional look-ups then need no path."""
    for actor, region in list(graph.subject_objects(RC.locatedIn)):
        graph.add((actor, RC.locatedWithin, region))
        for ancestor in regions.ancestors.get(region, ()):
            graph.add((actor, RC.locatedWithin, ancestor))


def _materialise_offer_area(graph: Graph) -> None:
    """Add rc:offeredIn: the service's area served, else its provider's, else the provider's seat."""
    for service in set(graph.subjects(RDF.type, RC.Service)):
        areas = set(graph.objects(service, RC.areaServed))
        if not areas:
            for provider in graph.objects(service, RC.provider):
                areas |= set(graph.objects(provider, RC.areaServed)) or set(graph.objects(provider, RC.locatedIn))
        for area in areas:
            graph.add((service, RC.offeredIn, area))


def _reference_problems(graph: Graph, regions: RegionIndex, file: str) -> list[Problem]:
    problems = []
    known_codes = set(regions.by_code.values())
    for prop in (RC.locatedIn, RC.areaServed):
        for node, region in graph.subject_objects(prop):
            if region not in known_codes:
                problems.append(
                    Problem(file, f"{node}: unknown region", column=f"rc:{prop.fragment}", value=str(region))
                )
    return problems


def _build(source: DataSetSource, settings: Settings, regions: RegionIndex, actors: ActorsElsewhere) -> Graph:
    """The RDF of one data set, or LoadError with all its problems."""
    problems: list[Problem] = []
    origin = str(source.path)
    if source.kind == "rdf":
        graph = Graph()
        too_large = False
        for path in source.files:
            try:
                graph += parse_rdf_file(path)
            except LoadError as exc:
                problems.extend(exc.problems)
                too_large = too_large or isinstance(exc, InputTooLarge)
        if problems:
            raise (InputTooLarge if too_large else LoadError)(problems)
        graph.add((dataset_iri(source.id), RDF.type, RC.Dataset))
    else:
        tables = read_csv_folder(source.path) if source.kind == "csv" else read_workbook(source.files[0])
        ctx = TemplateContext(taxonomy_index(settings.ontology_dir), regions.resolve, source.id, regions.explain,
                              region_codes=regions.by_code.keys, actors_elsewhere=actors)
        graph = template_to_graph(tables, ctx, origin)
        if ctx.problems:
            raise LoadError(ctx.problems)
    problems += _reference_problems(graph, regions, origin)
    ontology_dir = settings.ontology_dir
    foreign = actors.descriptions(graph)  # actors of other data sets that rows refer to (ids are global)
    checked = graph + foreign if len(foreign) else graph
    problems += shacl_problems(checked, shapes_graph(ontology_dir), ontology_graph(ontology_dir), origin)
    if problems:
        raise LoadError(problems)
    _materialise_location(graph, regions)
    _materialise_offer_area(graph)
    return graph


def discover_all(paths: list[Path]) -> list[DataSetSource]:
    """The data sets under all `paths`; raises with every path's problems."""
    sources: list[DataSetSource] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            sources.extend(discover(path))
        except LoadError as exc:
            problems.extend(exc.problems)
    if problems:
        raise LoadError(problems)
    return sources


def validate_paths(
    paths: list[Path], settings: Settings, store: Store | None, progress: Progress | None = None
) -> dict[str, Graph]:
    """Every data set under `paths` as RDF, checked against the store's regions; raises with all problems."""
    return validate_sources(discover_all(paths), settings, store, progress)


def validate_sources(
    sources: list[DataSetSource], settings: Settings, store: Store | None, progress: Progress | None = None
) -> dict[str, Graph]:
    """The data sets as RDF, checked against the store's regions and each other's; raises with all problems."""
    regions = RegionIndex(store, RetiredCodes(settings.data_dir / "crosswalks" / "nuts-retired-codes.csv"))
    # RDF data sets first, and of them the region data sets (regions-*) first: the regions they bring resolve the
    # codes of template data sets and the region links of other RDF data sets (edih, indicators) in the same load
    ordered = sorted(sources, key=lambda s: (s.kind != "rdf", not s.id.startswith("regions-")))
    graphs: dict[str, Graph] = {}
    actors = ActorsElsewhere(store)
    failed: dict[str, list[Problem]] = {}
    too_large = False  # an input over a cap (kg.loading.caps) is refused as such: the API answers 413
    progressed = True
    while ordered and progressed:  # a template data set may refer to actors of one built after it: retry it
        progressed = False
        for source in ordered:
            if progress and source.id not in failed:
                progress(source.id)
            try:
                graph = _build(source, settings, regions, actors)
            except LoadError as exc:
                failed[source.id] = exc.problems
                too_large = too_large or isinstance(exc, InputTooLarge)
                continue
            failed.pop(source.id, None)
            progressed = True
            regions.add_graph(graph)
            actors.add_graph(source.id, graph)
            graphs[source.id] = graph
        ordered = [s for s in ordered if s.id in failed and s.kind != "rdf"]
    problems = [problem for found in failed.values() for problem in found]
    if problems:
        raise (InputTooLarge if too_large else LoadError)(problems)
    return graphs


@dataclass
class PreparedLoad:
    """A load that has been validated completely and only needs writing."""

    sources: list[DataSetSource]
    graphs: dict[str, Graph]
    kept: set[str]


def prepare_load(
    paths: list[Path], settings: Settings, store: Store, progress: Progress | None = None,
    keep_unchanged: bool = False, allow_dependents: bool = True,
) -> PreparedLoad:
    """Discover, validate and build every data set under `paths`; nothing is written.

    With `keep_unchanged`, a data set whose graph in the store was built from the same inputs (its content hash,
    kg.loading.fingerprint) is neither validated nor written again. A replacement that would leave references of
    other data sets dangling is refused, and so, unless `allow_dependents`, is replacing a data set that others
    refer to (kg.loading.dependents)."""
    sources = discover_all(paths)
    hashes = fingerprints(sources, settings.ontology_dir)
    kept = unchanged(sources, hashes, store) if keep_unchanged else set()
    if progress:
        for source in sources:
            if source.id in kept:
                progress(f"{source.id} (unchanged)")
    graphs = validate_sources([s for s in sources if s.id not in kept], settings, store, progress)
    for ds_id, graph in graphs.items():
        stamp(graph, ds_id, hashes[ds_id])
    replacement_check(store, graphs, allow_dependents)
    return PreparedLoad(sources, graphs, kept)


def commit_load(prepared: PreparedLoad, settings: Settings, store: Store) -> list[LoadedDataSet]:
    """Replace all the prepared named graphs (and refresh the ontology graph) in one transaction."""
    graphs = prepared.graphs
    if graphs:
        batch = {dataset_graph(ds_id): g for ds_id, g in graphs.items()}
        batch[ONTOLOGY_GRAPH] = ontology_graph(settings.ontology_dir)
        store.replace_graphs(batch)
    built = [
        LoadedDataSet(
            id=ds_id,
            graph_iri=str(dataset_graph(ds_id)),
            triples=len(g),
            actors=len(set(g.subjects(RDF.type, RC.Actor))),
            services=len(set(g.subjects(RDF.type, RC.Service))),
        )
        for ds_id, g in graphs.items()
    ]
    return built + [_kept(store, s.id) for s in prepared.sources if s.id in prepared.kept]


def load_paths(
    paths: list[Path], settings: Settings, store: Store, progress: Progress | None = None,
    keep_unchanged: bool = False,
) -> list[LoadedDataSet]:
    """Validate everything, then replace all named graphs at once (see prepare_load)."""
    return commit_load(prepare_load(paths, settings, store, progress, keep_unchanged), settings, store)


KEPT = """SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?service) AS ?services)
WHERE { GRAPH ?g { ?s ?p ?o
  BIND (IF(?p = rdf:type && ?o = rc:Actor, ?s, ?none) AS ?actor)
  BIND (IF(?p = rdf:type && ?o = rc:Service, ?s, ?none) AS ?service) } }"""


def _kept(store: Store, dataset_id: str) -> LoadedDataSet:
    """What a kept data set's graph holds, counted in the store."""
    graph = dataset_graph(dataset_id)
    row = store.select(KEPT, {"g": graph}).rows[0]
    return LoadedDataSet(id=dataset_id, graph_iri=str(graph), triples=int(row["triples"]), actors=int(row["actors"]),
                         services=int(row["services"]), unchanged=True)


def ensure_ontology(settings: Settings, store: Store) -> None:
    """Load the ontology graph alone (for a store that has no data yet)."""
    store.replace_graphs({ONTOLOGY_GRAPH: ontology_graph(settings.ontology_dir)})


def unload(dataset_id: str, store: Store, allow_dependents: bool = False) -> None:
    """Remove a data set, unless others refer to what it defines (kg.loading.dependents) and it is not forced."""
    if not allow_dependents:
        replacement_check(store, {dataset_id: Graph()}, allow_dependents)
    store.drop_graph(dataset_graph(dataset_id))


__all__ = ["LoadedDataSet", "PreparedLoad", "commit_load", "discover_all", "ensure_ontology", "load_paths",
           "prepare_load", "unload", "validate_paths", "validate_sources"]
