"""Mapping the analysts' template (dataset, sources, actors, services, relations) to RDF.

Every problem of every row is collected, so a steward fixes a file in one round, not one error at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

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
    dataset_iri,
    service_iri,
    source_iri,
)
from kg.ontology import SchemeIndex

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "dataset": ("key", "value"),
    "sources": ("id", "title"),
    "actors": ("id", "name", "actor_type", "sphere", "located_in", "source"),
    "services": ("id", "provider", "name", "instruments", "roles", "determinants", "source"),
    "relations": ("subject", "relation", "object", "source"),
}

# template relation name -> (property, inverse property or None, symmetric)
RELATIONS: dict[str, tuple[URIRef, URIRef | None, bool]] = {
    "member_of": (RC.memberOf, RC.hasMember, False),
    "collaborates_with": (RC.collaboratesWith, None, True),
    "partner_abroad": (RC.partnerAbroad, None, True),
    "funds": (RC.funds, RC.fundedBy, False),
    "signposts_to": (RC.signpostsTo, None, False),
    "coordinates": (RC.coordinates, RC.coordinatedBy, False),
    "part_of": (RC.partOf, None, False),
}

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
YES = {"yes", "y", "true", "1", "inferred"}
NO = {"", "no", "n", "false", "0", "stated"}


@dataclass
class TemplateContext:
    """What the mapping resolves against: taxonomies, regions, and actors/services known elsewhere."""

    schemes: dict[str, SchemeIndex]
    region_of_code: Callable[[str], URIRef | None]
    dataset_id: str = ""
    explain_region: Callable[[str], str] = lambda code: "unknown region code"
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
                self.problem(table, row, column, f"unknown {scheme} (see `kg taxonomy list {scheme}`)", value)
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
                self.problem(table, row, column, self.ctx.explain_region(value), value)
            else:
                found.append(iri)
        return found

    def provenance(self, table: Table, row: Row, node: URIRef) -> None:
        source = row.get("source")
        if not source:
            self.problem(table, row, "source", "required: every fact needs a source (an id of sources.csv)")
        elif source not in self.sources:
            self.problem(table, row, "source", "not an id of sources.csv", source)
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
            self.problem(table, row, "id", "duplicate id", ident)
            return None
        seen[ident] = make(ident)
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
            else:
                self.problem(table, row, column, "refers to an actor not defined in actors.csv", value)
        return found

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
        return government in types or any(str(t).startswith(str(government) + "-") for t in types)

    def map_relations(self) -> None:
        table = self.tables.get("relations")
        if table is None or not self.check_columns(table):
            return
        seen: set[tuple[str, str, str]] = set()
        for row in table.rows:
            relation = row.get("relation")
            if relation not in RELATIONS:
                self.problem(table, row, "relation", f"write one of {', '.join(RELATIONS)}", relation)
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
