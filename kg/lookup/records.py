"""The typed records the REST API, the entity pages and the exports render: one shape for every surface."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class ConceptRef(BaseModel):
    """A taxonomy concept as clients need it: code and label to show, IRI to link."""

    scheme: str
    code: str
    label: str
    iri: str


class RegionRef(BaseModel):
    code: str
    name: str
    level: int | None = None
    iri: str


class ActorRef(BaseModel):
    """Another actor named by a record: id is the template slug for the project's IRIs, else the whole IRI."""

    id: str
    name: str
    iri: str


class Provenance(BaseModel):
    """Where a fact comes from: source IRIs, the place in the source, and whether it was inferred."""

    sources: list[str] = Field(default_factory=list)
    locator: str | None = None
    inferred: bool = False
    dataset: str | None = None


class SourceRecord(BaseModel):
    iri: str
    title: str
    url: str | None = None
    publisher: str | None = None
    year: str | None = None


class ActorRecord(BaseModel):
    id: str
    iri: str
    name: str
    kind: str = "organisation"
    types: list[ConceptRef] = Field(default_factory=list)
    sphere: ConceptRef | None = None
    seat: RegionRef | None = None
    area_served: list[RegionRef] = Field(default_factory=list)
    sectors: list[ConceptRef] = Field(default_factory=list)
    website: str | None = None
    description: str | None = None
    provenance: Provenance = Field(default_factory=Provenance)


class ServiceRecord(BaseModel):
    id: str
    iri: str
    name: str
    description: str | None = None
    provider: ActorRef | None = None
    public_service: bool = False
    instruments: list[ConceptRef] = Field(default_factory=list)
    roles: list[ConceptRef] = Field(default_factory=list)
    determinants: list[ConceptRef] = Field(default_factory=list)
    phases: list[ConceptRef] = Field(default_factory=list)
    target_groups: list[ConceptRef] = Field(default_factory=list)
    categories: list[ConceptRef] = Field(default_factory=list)
    sectors: list[ConceptRef] = Field(default_factory=list)
    delivery: ConceptRef | None = None
    offered_in: list[RegionRef] = Field(default_factory=list)
    signposts_to: list[ActorRef] = Field(default_factory=list)
    funded_by: list[ActorRef] = Field(default_factory=list)
    valid_from: str | None = None
    valid_until: str | None = None
    website: str | None = None
    provenance: Provenance = Field(default_factory=Provenance)


class RelationRecord(BaseModel):
    """A sourced relation between two actors, seen from one of them (direction `out` or `in`)."""

    iri: str
    relation: str
    direction: str
    actor: ActorRef
    valid_from: str | None = None
    valid_until: str | None = None
    note: str | None = None
    provenance: Provenance = Field(default_factory=Provenance)


class ActorDetail(ActorRecord):
    services: list[ServiceRecord] = Field(default_factory=list)
    relations: list[RelationRecord] = Field(default_factory=list)
    sources: list[SourceRecord] = Field(default_factory=list)


class ServiceDetail(ServiceRecord):
    sources: list[SourceRecord] = Field(default_factory=list)


class RegionRecord(RegionRef):
    parent: RegionRef | None = None


class RegionDetail(RegionRecord):
    ancestors: list[RegionRef] = Field(default_factory=list)
    children: list[RegionRef] = Field(default_factory=list)
    actors_located: int = 0
    services_available: int = 0


class ConceptRecord(ConceptRef):
    broader: str | None = None
    definition: str | None = None


class SchemeRecord(BaseModel):
    name: str
    iri: str
    label: str
    concepts: int


class Page(BaseModel, Generic[T]):
    """One page of a longer list; `total` counts every match, so clients can page through all of them."""

    total: int
    limit: int
    offset: int
    items: list[T]


class Value(BaseModel):
    """An object of a triple: an IRI (with the name the graph gives it, if any) or a literal."""

    value: str
    kind: str
    label: str | None = None
    datatype: str | None = None
    language: str | None = None


class ResourceRecord(BaseModel):
    """Any resource of the graph by its own triples: sources, data sets, relationship records, concepts."""

    iri: str
    label: str | None = None
    properties: dict[str, list[Value]] = Field(default_factory=dict)
