"""Mapping the analysts' template (dataset, sources, actors, services, relations) to RDF.

Every problem of every row is collected, so a steward fixes a file in one round, not one error at a time.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.errors import Problem
from kg.loading.tables import Row, Table
from kg.namespaces import (
    CPSV,
    ID,
    ORG,
    RC,
    SCHEMA,
    actor_iri,
    concept,
    dataset_graph,
    dataset_iri,
    service_iri,
    source_iri,
)
from kg.ontology import SchemeIndex
from kg.store import Store

# relation code -> (property, inverse property or None, symmetric); hyphenated like every taxonomy code, and the
# spelling every output (API, exports, analyses) uses
RELATIONS: dict[str, tuple[URIRef, URIRef | None, bool]] = {
    "member-of": (RC.memberOf, RC.hasMember, False),
    "collaborates-with": (RC.collaboratesWith, None, True),
    "partner-abroad": (RC.partnerAbroad, None, True),
    "funds": (RC.funds, RC.fundedBy, False),
    "signposts-to": (RC.signpostsTo, None, False),
    "coordinates": (RC.coordinates, RC.coordinatedBy, False),
    "part-of": (RC.partOf, None, False),
}


@dataclass(frozen=True)
class Column:
    """One column of a template table: what the loader requires and what the steward is told (the workbook's
    instructions sheet and drop-down lists are generated from these, so they cannot drift from the loader)."""

    name: str
    required: bool
    meaning: str
    scheme: str | None = None  # taxonomy whose codes the column takes
    choices: tuple[str, ...] = ()  # fixed values that are not a taxonomy


PROVENANCE_COLUMNS = (
    Column("source", True, "the id of a row of sources: where this fact is taken from"),
    Column("source_locator", False, "section, table, figure, annex or page of the source"),
    Column("source_quote", False, "a short verbatim excerpt of the source that supports the row"),
    Column("inferred", False, "yes where the source only implies the fact; empty or no where it states it",
           choices=("no", "yes")),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "dataset": (
        Column("key", True, "id, title, description, publisher or license"),
        Column("value", True, "the value of the key (id: the data set's id, its folder or file name)"),
    ),
    "sources": (
        Column("id", True, "a local id (a-z0-9-), referenced from the source column of the other tables"),
        Column("title", True, "title of the document, page or data set"),
        Column("url", False, "where it can be read (http or https)"),
        Column("publisher", False, "who published it"),
        Column("year", False, "four-digit year of publication"),
    ),
    "actors": (
        Column("id", True, "a stable slug (a-z0-9-), global across data sets: the same id is the same actor"),
        Column("name", True, "the actor's name"),
        Column("kind", False, "organisation (default) or person", choices=("organisation", "person")),
        Column("actor_type", True, "actor-type code(s) or label(s), ;-separated", scheme="actor-type"),
        Column("sphere", True, "one sphere: public, private, non-profit or public-private", scheme="sphere"),
        Column("located_in", True, "region code of the seat: NUTS 2024 (DE126), US-MA, US-25025 or ISO country"),
        Column("area_served", False, "region code(s) the actor serves; empty: where it is located"),
        Column("sectors", False, "sector code(s)", scheme="sector"),
        Column("website", False, "http(s) URL"),
        Column("description", False, "free text"),
        *PROVENANCE_COLUMNS,
    ),
    "services": (
        Column("id", True, "a stable slug (a-z0-9-), global across data sets"),
        Column("provider", True, "the id of the actor offering it (of this or any loaded data set)"),
        Column("name", True, "name of the service or programme"),
        Column("description", False, "free text"),
        Column("service_category", False, "service-category code(s)", scheme="service-category"),
        Column("instruments", True, "instrument code(s) or label(s)", scheme="instrument"),
        Column("roles", True, "the provider's role code(s)", scheme="role"),
        Column("determinants", True, "determinant code(s): a category or a sub-determinant", scheme="determinant"),
        Column("phases", False, "phase code(s) of the entrepreneurs served", scheme="phase"),
        Column("target_groups", False, "target-group code(s)", scheme="target-group"),
        Column("sectors", False, "sector code(s)", scheme="sector"),
        Column("area_served", False, "region code(s); empty: the provider's area served, or else its seat"),
        Column("delivery", False, "direct (default), signposting or channelling", scheme="delivery-mode"),
        Column("signposts_to", False, "actor id(s) the service refers entrepreneurs to"),
        Column("funded_by", False, "actor id(s) that fund the service"),
        Column("valid_from", False, "year (2014) or date (2014-06-30)"),
        Column("valid_until", False, "year (2014) or date (2014-06-30)"),
        Column("website", False, "http(s) URL"),
        *PROVENANCE_COLUMNS,
    ),
    "relations": (
        Column("subject", True, "actor id"),
        Column("relation", True, "one relation code (collaborates_with is read as collaborates-with)",
               choices=tuple(RELATIONS)),
        Column("object", True, "actor id (for funds also a service id), of this or any loaded data set"),
        Column("valid_from", False, "year (2014) or date (2014-06-30)"),
        Column("valid_until", False, "year (2014) or date (2014-06-30)"),
        Column("note", False, "free text"),
        *PROVENANCE_COLUMNS,
    ),
}

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(c.name for c in columns if c.required) for table, columns in COLUMNS.items()
}


def scheme_columns() -> dict[str, list[str]]:
    """Scheme name -> the template columns (table.column) that take its codes."""
    found: dict[str, list[str]] = {}
    for table, columns in COLUMNS.items():
        for column in columns:
            if column.scheme:
                found.setdefault(column.scheme, []).append(f"{table}.{column.name}")
    return found

def relation_code(text: str) -> str:
    """The relation code for what a steward wrote: `collaborates_with`, `Collaborates with` and
    `collaborates-with` are one relation."""
    return "-".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


def closest(value: str, candidates: Collection[str], limit: int = 3) -> list[str]:
    """Close spellings of an unknown id, best first."""
    return difflib.get_close_matches(value.strip(), list(candidates), n=limit, cutoff=0.6)


def closest_codes(code: str, codes: Collection[str], limit: int = 5) -> list[str]:
    """Codes of the same length sharing the longest prefix with an unknown code (PT1X -> PT1A, PT1B, ...): codes are
    hierarchical, so the siblings are the likely meant ones; else difflib's nearest."""
    text = code.strip().upper()
    for length in range(len(text) - 1, 1, -1):
        same = sorted(c for c in codes if len(c) == len(text) and c.upper().startswith(text[:length]))
        if same:
            return same[:limit]
    return closest(text, codes, limit)


def did_you_mean(message: str, suggestions: list[str]) -> str:
    return f"{message}; did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else message

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
YES = {"yes", "y", "true", "1", "inferred"}
NO = {"", "no", "n", "false", "0", "stated"}


ACTOR_PREFIX = str(actor_iri(""))
LINKED_PREFIXES = (ACTOR_PREFIX, str(service_iri("")))


class ActorsElsewhere:
    """Actors defined outside the data set being mapped: in the store or in a data set built earlier in the same
    load. Ids are global, so a row may refer to them; a data set's own graph in the store does not count (it is
    being replaced)."""

    def __init__(self, store: Store | None):
        self.graphs: dict[str, Graph] = {}  # data-set id -> graph built in this load
        self.stored: dict[str, set[str]] = {}  # actor id -> data-set graphs of the store that define it
        self.store = store
        if store is not None:
            for row in store.select("SELECT DISTINCT ?a ?g WHERE { GRAPH ?g { ?a a rc:Actor } }").rows:
                if str(row["a"]).startswith(ACTOR_PREFIX):
                    self.stored.setdefault(str(row["a"])[len(ACTOR_PREFIX):], set()).add(str(row["g"]))

    def add_graph(self, dataset_id: str, graph: Graph) -> None:
        self.graphs[dataset_id] = graph

    def ids(self, dataset_id: str) -> set[str]:
        own = str(dataset_graph(dataset_id))
        found = {ident for ident, graphs in self.stored.items() if graphs - {own}}
        for other, graph in self.graphs.items():
            if other != dataset_id:
                found |= {str(a)[len(ACTOR_PREFIX):] for a in graph.subjects(RDF.type, RC.Actor)
                          if str(a).startswith(ACTOR_PREFIX)}
        return found

    def actor_types(self, actor: URIRef) -> set[URIRef]:
        found = {t for graph in self.graphs.values() for t in graph.objects(actor, RC.actorType)}
        if not found and self.store is not None:
            found = set(self.store.select("SELECT ?t WHERE { ?a rc:actorType ?t }", {"a": actor}).values("t"))
        return found

    def descriptions(self, graph: Graph) -> Graph:
        """The triples of the foreign actors `graph` refers to, so that SHACL sees them as defined actors."""
        described = Graph()
        for actor in {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(ACTOR_PREFIX)} | {
                s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ACTOR_PREFIX)}:
            if (actor, RDF.type, RC.Actor) in graph:
                continue
            found = [t for other in self.graphs.values() for t in other.triples((actor, None, None))]
            if not found and self.store is not None:
                rows = self.store.select("SELECT ?p ?o WHERE { ?a ?p ?o }", {"a": actor}).rows
                found = [(actor, row["p"], row["o"]) for row in rows]
            for triple in found:  # its own facts, not its links on to further actors and services
                if not str(triple[2]).startswith(LINKED_PREFIXES):
                    described.add(triple)
        return described


@dataclass
class TemplateContext:
    """What the mapping resolves against: taxonomies, regions, and actors/services known elsewhere."""

    schemes: dict[str, SchemeIndex]
    region_of_code: Callable[[str], URIRef | None]
    dataset_id: str = ""
    explain_region: Callable[[str], str] = lambda code: "unknown region code"
    region_codes: Callable[[], Collection[str]] = lambda: ()
    actors_elsewhere: ActorsElsewhere | None = None
    problems: list[Problem] = field(default_factory=list)


class _Mapper:
    def __init__(self, tables: dict[str, Table], ctx: TemplateContext, origin: str):
        self.tables = tables
        self.ctx = ctx
        self.origin = origin
        self.graph = Graph()
        self.sources: dict[str, URIRef] = {}
        self.actors: dict[str, URIRef] = {}
        self.services: dict[str, URIRef] = {}
        self.first_rows: dict[tuple[str, str], int] = {}  # (table, id) -> row that defined it

    def problem(self, table: Table, row: Row | None, column: str | None, message: str, value=None):
        self.ctx.problems.append(
            Problem(table.origin, message, row=row.number if row else None, column=column,
                    value=None if value is None else str(value))
        )

    # -- generic cells -------------------------------------------------------------------------
    def concepts(self, table: Table, row: Row, column: str, scheme: str, required: bool) -> list[URIRef]:
        values = row.many(column)
        if required and not values:
            self.problem(table, row, column, f"required: give at least one {scheme} code or label")
        index = self.ctx.schemes[scheme]
        found = []
        for value in values:
            iri = index.resolve(value)
            if iri is None:
                message = f"unknown {scheme} (see `kg taxonomy list {scheme}`)"
                self.problem(table, row, column, did_you_mean(message, index.suggest(value)), value)
            else:
                found.append(iri)
        return found

    def regions(self, table: Table, row: Row, column: str, required: bool) -> list[URIRef]:
        values = row.many(column)
        if required and not values:
            self.problem(table, row, column, "required: give a region code (NUTS, US-XX, ISO country)")
        found = []
        for value in values:
            iri = self.ctx.region_of_code(value)
            if iri is None:
                message = self.ctx.explain_region(value)
                if message.startswith("unknown"):
                    message = did_you_mean(message, closest_codes(value, self.ctx.region_codes()))
                self.problem(table, row, column, message, value)
            else:
                found.append(iri)
        return found

    def provenance(self, table: Table, row: Row, node: URIRef) -> None:
        source = row.get("source")
        if not source:
            self.problem(table, row, "source", "required: every fact needs a source (an id of sources.csv)")
        elif source not in self.sources:
            message = did_you_mean("not an id of sources.csv", closest(source, self.sources))
            self.problem(table, row, "source", message, source)
        else:
            self.graph.add((node, DCTERMS.source, self.sources[source]))
        if locator := row.get("source_locator"):
            self.graph.add((node, RC.sourceLocator, Literal(locator)))
        if quote := row.get("source_quote"):
            self.graph.add((node, RC.sourceQuote, Literal(quote)))
        inferred = row.get("inferred").lower()
        if inferred in YES:
            self.graph.add((node, RC.inferred, Literal(True)))
        elif inferred not in NO:
            self.problem(table, row, "inferred", "write yes or no", row.get("inferred"))
        self.graph.add((node, RC.inDataset, dataset_iri(self.ctx.dataset_id)))

    def dates(self, table: Table, row: Row, node: URIRef) -> None:
        for column, prop in (("valid_from", RC.validFrom), ("valid_until", RC.validUntil)):
            value = row.get(column)
            if not value:
                continue
            if not DATE.match(value):
                self.problem(table, row, column, "write a year (2014) or a date (2014-06-30)", value)
                continue
            datatype = XSD.gYear if len(value) == 4 else XSD.date
            self.graph.add((node, prop, Literal(value, datatype=datatype)))

    def text(self, node: URIRef, prop: URIRef, value: str) -> None:
        if value:
            self.graph.add((node, prop, Literal(value)))

    def website(self, table: Table, row: Row, node: URIRef) -> None:
        for url in row.many("website"):
            if not URL.match(url):
                self.problem(table, row, "website", "not an http(s) URL", url)
            else:
                self.graph.add((node, RC.website, Literal(url, datatype=XSD.anyURI)))

    def check_columns(self, table: Table) -> bool:
        missing = [c for c in REQUIRED_COLUMNS[table.name] if c not in table.columns]
        for column in missing:
            self.problem(table, None, column, f"missing required column {column!r}")
        return not missing

    def unique_id(self, table: Table, row: Row, seen: dict[str, URIRef], make) -> URIRef | None:
        ident = row.get("id")
        if not ident:
            self.problem(table, row, "id", "required")
            return None
        if not SLUG.match(ident):
            self.problem(table, row, "id", "use lower-case letters, digits and hyphens", ident)
            return None
        if ident in seen:
            first = self.first_rows[(table.name, ident)]
            self.problem(table, row, "id", f"duplicate id: row {first} has the same id (row {row.number} repeats it)",
                         ident)
            return None
        seen[ident] = make(ident)
        self.first_rows[(table.name, ident)] = row.number
        return seen[ident]

    # -- tables --------------------------------------------------------------------------------
    def map_dataset(self) -> None:
        node = dataset_iri(self.ctx.dataset_id)
        self.graph.add((node, RDF.type, RC.Dataset))
        table = self.tables.get("dataset")
        if table is None:
            self.ctx.problems.append(Problem(self.origin, "missing the dataset table (dataset.csv)"))
            return
        if not self.check_columns(table):
            return
        props = {
            "title": DCTERMS.title, "description": DCTERMS.description,
            "publisher": DCTERMS.publisher, "license": DCTERMS.license,
        }
        values = {r.get("key"): r.get("value") for r in table.rows}
        if values.get("id") and values["id"] != self.ctx.dataset_id:
            self.problem(table, None, "id", f"the data set id differs from {self.ctx.dataset_id!r}", values["id"])
        if not values.get("title"):
            self.problem(table, None, "title", "required: a title for the data set")
        for key, prop in props.items():
            if values.get(key):
                self.graph.add((node, prop, Literal(values[key])))
        self.graph.add((node, RDFS.label, Literal(values.get("title") or self.ctx.dataset_id)))

    def map_sources(self) -> None:
        table = self.tables.get("sources")
        if table is None:
            self.ctx.problems.append(Problem(self.origin, "missing the sources table (sources.csv)"))
            return
        if not self.check_columns(table):
            return
        for row in table.rows:
            node = self.unique_id(table, row, self.sources, lambda i: source_iri(self.ctx.dataset_id, i))
            if node is None:
                continue
            self.graph.add((node, RDF.type, RC.Source))
            if not row.get("title"):
                self.problem(table, row, "title", "required")
            self.text(node, DCTERMS.title, row.get("title"))
            self.text(node, RDFS.label, row.get("title"))
            self.text(node, DCTERMS.publisher, row.get("publisher"))
            if year := row.get("year"):
                if re.match(r"^\d{4}$", year):
                    self.graph.add((node, DCTERMS.issued, Literal(year, datatype=XSD.gYear)))
                else:
                    self.problem(table, row, "year", "write a four-digit year", year)
            if url := row.get("url"):
                if URL.match(url):
                    self.graph.add((node, SCHEMA.url, Literal(url, datatype=XSD.anyURI)))
                else:
                    self.problem(table, row, "url", "not an http(s) URL", url)

    def map_actors(self) -> None:
        table = self.tables.get("actors")
        if table is None:
            self.ctx.problems.append(Problem(self.origin, "missing the actors table (actors.csv)"))
            return
        if not self.check_columns(table):
            return
        for row in table.rows:
            node = self.unique_id(table, row, self.actors, actor_iri)
            if node is None:
                continue
            kind = (row.get("kind") or "organisation").lower()
            if kind not in ("organisation", "person"):
                self.problem(table, row, "kind", "write organisation or person", kind)
            self.graph.add((node, RDF.type, RC.Actor))
            if kind == "person":
                self.graph.add((node, RDF.type, RC.Person))
            else:
                self.graph.add((node, RDF.type, RC.Organisation))
                self.graph.add((node, RDF.type, ORG.Organization))
            if not row.get("name"):
                self.problem(table, row, "name", "required")
            self.text(node, RDFS.label, row.get("name"))
            self.text(node, SCHEMA.name, row.get("name"))
            self.text(node, SCHEMA.description, row.get("description"))
            for iri in self.concepts(table, row, "actor_type", "actor-type", required=True):
                self.graph.add((node, RC.actorType, iri))
            for iri in self.concepts(table, row, "sphere", "sphere", required=True)[:1]:
                self.graph.add((node, RC.sphere, iri))
            if len(row.many("sphere")) > 1:
                self.problem(table, row, "sphere", "give one sphere", row.get("sphere"))
            located = self.regions(table, row, "located_in", required=True)
            if len(located) > 1:
                self.problem(table, row, "located_in", "give one region (the seat)", row.get("located_in"))
            for iri in located[:1]:
                self.graph.add((node, RC.locatedIn, iri))
            for iri in self.regions(table, row, "area_served", required=False):
                self.graph.add((node, RC.areaServed, iri))
            for iri in self.concepts(table, row, "sectors", "sector", required=False):
                self.graph.add((node, RC.sector, iri))
            self.website(table, row, node)
            self.provenance(table, row, node)

    def actor_refs(self, table: Table, row: Row, column: str, required: bool) -> list[URIRef]:
        values = row.many(column)
        if required and not values:
            self.problem(table, row, column, "required: an actor id")
        found = []
        for value in values:
            if value in self.actors:
                found.append(self.actors[value])
            elif value in self.elsewhere:
                found.append(actor_iri(value))
            else:
                message = did_you_mean("refers to an actor defined neither in actors.csv nor in any loaded data set",
                                       closest(value, set(self.actors) | self.elsewhere))
                self.problem(table, row, column, message, value)
        return found

    @cached_property
    def elsewhere(self) -> set[str]:
        known = self.ctx.actors_elsewhere
        return known.ids(self.ctx.dataset_id) if known is not None else set()

    def map_services(self) -> None:
        table = self.tables.get("services")
        if table is None or not self.check_columns(table):
            return
        for row in table.rows:
            node = self.unique_id(table, row, self.services, service_iri)
            if node is None:
                continue
            self.graph.add((node, RDF.type, RC.Service))
            self.graph.add((node, RDF.type, SCHEMA.Service))
            if not row.get("name"):
                self.problem(table, row, "name", "required")
            self.text(node, RDFS.label, row.get("name"))
            self.text(node, SCHEMA.name, row.get("name"))
            self.text(node, SCHEMA.description, row.get("description"))
            for provider in self.actor_refs(table, row, "provider", required=True)[:1]:
                self.graph.add((node, RC.provider, provider))
                self.graph.add((provider, RC.provides, node))
                if self._is_public_authority(provider):
                    self.graph.add((node, RDF.type, CPSV.PublicService))
            columns = (
                ("instruments", "instrument", RC.instrument, True),
                ("roles", "role", RC.role, True),
                ("determinants", "determinant", RC.addresses, True),
                ("phases", "phase", RC.phase, False),
                ("target_groups", "target-group", RC.targetGroup, False),
                ("service_category", "service-category", RC.serviceCategory, False),
                ("sectors", "sector", RC.sector, False),
            )
            for column, scheme, prop, required in columns:
                for iri in self.concepts(table, row, column, scheme, required):
                    self.graph.add((node, prop, iri))
            for iri in self.regions(table, row, "area_served", required=False):
                self.graph.add((node, RC.areaServed, iri))
            delivery = row.get("delivery") or "direct"
            mode = self.ctx.schemes["delivery-mode"].resolve(delivery)
            if mode is None:
                self.problem(table, row, "delivery", "write direct, signposting or channelling", delivery)
            else:
                self.graph.add((node, RC.deliveryMode, mode))
            for target in self.actor_refs(table, row, "signposts_to", required=False):
                self.graph.add((node, RC.signpostsTo, target))
            for funder in self.actor_refs(table, row, "funded_by", required=False):
                self.graph.add((node, RC.fundedBy, funder))
                self.graph.add((funder, RC.funds, node))
            self.dates(table, row, node)
            self.website(table, row, node)
            self.provenance(table, row, node)

    def _is_public_authority(self, actor: URIRef) -> bool:
        government = concept("actor-type", "government")
        types = set(self.graph.objects(actor, RC.actorType))
        if not types and self.ctx.actors_elsewhere is not None:  # a provider of another data set
            types = self.ctx.actors_elsewhere.actor_types(actor)
        return government in types or any(str(t).startswith(str(government) + "-") for t in types)

    def map_relations(self) -> None:
        table = self.tables.get("relations")
        if table is None or not self.check_columns(table):
            return
        seen: set[tuple[str, str, str]] = set()
        for row in table.rows:
            relation = relation_code(row.get("relation"))
            if relation not in RELATIONS:
                message = did_you_mean(f"write one of {', '.join(RELATIONS)}", closest(relation, RELATIONS, limit=2))
                self.problem(table, row, "relation", message, row.get("relation"))
                continue
            prop, inverse, symmetric = RELATIONS[relation]
            subjects = self.actor_refs(table, row, "subject", required=True)
            target = row.get("object")
            if relation == "funds" and target in self.services:
                objects = [self.services[target]]
            else:
                objects = self.actor_refs(table, row, "object", required=True)
            if not subjects or not objects:
                continue
            key = (row.get("subject"), relation, target)
            if key in seen:
                self.problem(table, row, "relation", "duplicate relation", " ".join(key))
                continue
            seen.add(key)
            subject, obj = subjects[0], objects[0]
            self.graph.add((subject, prop, obj))
            if inverse is not None:
                self.graph.add((obj, inverse, subject))
            if symmetric:
                self.graph.add((obj, prop, subject))
                if prop == RC.partnerAbroad:
                    self.graph.add((subject, RC.collaboratesWith, obj))
                    self.graph.add((obj, RC.collaboratesWith, subject))
            node = ID[f"relationship/{self.ctx.dataset_id}/{key[0]}--{relation}--{key[2]}"]
            self.graph.add((node, RDF.type, RC.Relationship))
            self.graph.add((node, RC.relationSubject, subject))
            self.graph.add((node, RC.relationProperty, prop))
            self.graph.add((node, RC.relationObject, obj))
            self.text(node, SKOS.note, row.get("note"))
            self.dates(table, row, node)
            self.provenance(table, row, node)


def template_to_graph(tables: dict[str, Table], ctx: TemplateContext, origin: str) -> Graph:
    """Map all tables; problems are appended to ctx.problems (the graph is only usable if there are none)."""
    mapper = _Mapper(tables, ctx, origin)
    mapper.map_dataset()
    mapper.map_sources()
    mapper.map_actors()
    mapper.map_services()
    mapper.map_relations()
    mapper.graph.add((dataset_iri(ctx.dataset_id), PROV.generatedAtTime, Literal(_now(), datatype=XSD.dateTime)))
    return mapper.graph


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0).isoformat()
