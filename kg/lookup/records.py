"""The typed records the REST API, the entity pages and the exports render: one shape for every surface."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field, computed_field

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


class FacetCount(ConceptRef):
    """How many of the matching services carry a concept (or one below it, for the facets that include
    narrower concepts): the count a filter on that concept would add to the current one."""

    count: int


class FacetedPage(Page[T], Generic[T]):
    """A page of services with, per facet, the matching services counted by concept."""

    facets: dict[str, list[FacetCount]] = Field(default_factory=dict)


class SearchItem(BaseModel):
    """One suggestion of the site search: a region (code), an actor or a service (id), and where it opens."""

    kind: str
    id: str
    name: str
    code: str | None = None
    detail: str | None = None
    url: str


class SearchResult(BaseModel):
    query: str
    items: list[SearchItem] = Field(default_factory=list)


class SupportEntry(BaseModel):
    """One way to get help with a need: a service, how it is reached (`route`), and how to get in touch.

    route: `direct` (offered in the region or one of its parts), `category-level` (recorded for the need's whole
    category, e.g. access to finance, and so not known to cover the sub-determinant asked for), `signposting` /
    `channelling` (a door in the region that leads to providers), `referral` (a provider outside the region that
    a referral chain from the region leads to), `from-above` (offered in an area that contains the region: a
    national or EU programme)."""

    route: str
    service: ServiceRecord
    provider_website: str | None = None
    served_from: RegionRef | None = None
    referred_by: list[list[ActorRef]] = Field(default_factory=list)
    sources: list[SourceRecord] = Field(default_factory=list)


class SupportResult(BaseModel):
    """Who helps with an entrepreneur's need in a region, in the order to try them, and how much the data record
    for the region (kg.analysis.completeness), so that an empty answer can say what it rests on."""

    region: RegionRef
    determinant: ConceptRef
    phase: ConceptRef
    target_group: ConceptRef | None = None
    direct: list[SupportEntry] = Field(default_factory=list)
    category_level: list[SupportEntry] = Field(default_factory=list)  # for the need's category as a whole
    referrals: list[SupportEntry] = Field(default_factory=list)
    from_above: list[SupportEntry] = Field(default_factory=list)
    actors_recorded: int = 0  # actors seated in the region or providing a service available there
    services_recorded: int = 0  # services available there, for any need
    thin_reasons: list[str] = Field(default_factory=list)  # the completeness verdict; empty when not thin

    @computed_field  # type: ignore[prop-decorator]
    @property
    def thin(self) -> bool:
        return bool(self.thin_reasons)
