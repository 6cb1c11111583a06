"""In-memory indexes of the small, slowly changing vocabularies every record names: taxonomy concepts and
regions. Reading them once (regions are a few thousand rows even for all of Europe) keeps each look-up to a
single query and lets codes and labels be resolved without touching the store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.errors import NotFound
from kg.lookup.records import ConceptRecord, ConceptRef, RegionRef, SchemeRecord
from kg.ontology import ontology_graph, scheme, taxonomy_index
from kg.store import Store

REGIONS = """
SELECT ?r ?code ?level ?parent ?label WHERE {
  ?r rc:regionCode ?code .
  OPTIONAL { ?r rc:level ?level }
  OPTIONAL { ?r rc:parentRegion ?parent }
  OPTIONAL { ?r skos:prefLabel ?label }
}
"""


def best_label(labels: Iterable[Node]) -> str | None:
    """English or language-less label first, so a region or concept reads the same on every surface."""
    ranked = sorted(
        (lbl for lbl in labels if isinstance(lbl, Literal)),
        key=lambda lbl: (lbl.language not in (None, "en"), lbl.language or "", str(lbl)),
    )
    return str(ranked[0]) if ranked else None


class Concepts:
    """Taxonomy concepts by IRI, with their scheme, code, label, broader concept and definition."""

    def __init__(self, ontology_dir: Path):
        self.ontology_dir = ontology_dir
        graph = ontology_graph(ontology_dir)
        self.by_iri: dict[str, ConceptRecord] = {}
        self.schemes: dict[str, SchemeRecord] = {}
        for name, index in taxonomy_index(ontology_dir).items():
            for code, iri in index.by_code.items():
                broader = graph.value(iri, SKOS.broader)
                definition = graph.value(iri, SKOS.definition)
                self.by_iri[str(iri)] = ConceptRecord(
                    scheme=name, code=code, iri=str(iri),
                    label=best_label(graph.objects(iri, SKOS.prefLabel)) or code,
                    broader=str(broader) if broader is not None else None,
                    definition=str(definition) if definition is not None else None,
                )
            self.schemes[name] = SchemeRecord(
                name=name, iri=str(index.iri), concepts=len(index.by_code),
                label=best_label(graph.objects(index.iri, SKOS.prefLabel)) or name,
            )
        self._narrower: dict[str, list[str]] = {}
        for record in self.by_iri.values():
            if record.broader:
                self._narrower.setdefault(record.broader, []).append(record.iri)

    def ref(self, iri: Node) -> ConceptRef | None:
        record = self.by_iri.get(str(iri))
        if record is None:
            return None
        return ConceptRef(scheme=record.scheme, code=record.code, label=record.label, iri=record.iri)

    def refs(self, iris: Iterable[Node]) -> list[ConceptRef]:
        found = (self.ref(i) for i in iris)
        return sorted((r for r in found if r is not None), key=lambda r: r.code)

    def resolve(self, scheme_name: str, value: str) -> URIRef:
        """A concept by code or label; NotFound lists the scheme's valid codes."""
        index = scheme(self.ontology_dir, scheme_name)
        iri = index.resolve(value)
        if iri is None:
            raise NotFound(f"unknown {scheme_name} {value[:80]!r}", valid=index.codes())
        return iri

    def with_narrower(self, iri: URIRef) -> list[URIRef]:
        """The concept and every concept below it: a filter on a category includes its sub-concepts."""
        found, stack = [], [str(iri)]
        while stack:
            current = stack.pop()
            found.append(URIRef(current))
            stack.extend(self._narrower.get(current, []))
        return found

    def in_scheme(self, scheme_name: str) -> list[ConceptRecord]:
        if scheme_name not in self.schemes:
            raise NotFound(f"unknown taxonomy {scheme_name[:80]!r}", valid=sorted(self.schemes))
        return sorted((c for c in self.by_iri.values() if c.scheme == scheme_name), key=lambda c: c.code)


@dataclass(frozen=True)
class Region:
    iri: URIRef
    code: str
    name: str
    level: int | None
    parent: URIRef | None

    def ref(self) -> RegionRef:
        return RegionRef(code=self.code, name=self.name, level=self.level, iri=str(self.iri))


@dataclass
class Regions:
    """Every region the store knows, by IRI, code and lower-cased name, with the containment tree."""

    by_iri: dict[str, Region] = field(default_factory=dict)
    by_code: dict[str, Region] = field(default_factory=dict)
    by_name: dict[str, list[Region]] = field(default_factory=dict)
    children: dict[str, list[Region]] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Store) -> Regions:
        rows: dict[str, dict] = {}
        for row in store.select(REGIONS).rows:
            entry = rows.setdefault(str(row["r"]), {"iri": row["r"], "code": str(row["code"]), "labels": set(),
                                                    "level": None, "parent": None})
            if row.get("level") is not None:
                entry["level"] = int(row["level"])
            if row.get("parent") is not None:
                entry["parent"] = row["parent"]
            if row.get("label") is not None:
                entry["labels"].add(row["label"])
        regions = cls()
        for entry in rows.values():
            region = Region(entry["iri"], entry["code"], best_label(entry["labels"]) or entry["code"],
                            entry["level"], entry["parent"])
            regions.by_iri[str(region.iri)] = region
            regions.by_code[region.code.upper()] = region
            regions.by_name.setdefault(region.name.lower(), []).append(region)
        for region in regions.by_iri.values():
            if region.parent is not None:
                regions.children.setdefault(str(region.parent), []).append(region)
        for kids in regions.children.values():
            kids.sort(key=lambda r: r.code)
        return regions

    def ref(self, iri: Node) -> RegionRef | None:
        region = self.by_iri.get(str(iri))
        return region.ref() if region else None

    def refs(self, iris: Iterable[Node]) -> list[RegionRef]:
        found = (self.ref(i) for i in iris)
        return sorted((r for r in found if r is not None), key=lambda r: r.code)

    def resolve(self, text: str) -> Region:
        """A region by code (any case) or by its name; NotFound lists codes that look alike."""
        key = text.strip()
        region = self.by_code.get(key.upper())
        if region is not None:
            return region
        named = self.by_name.get(key.lower(), [])
        if len(named) == 1:
            return named[0]
        if named:
            raise NotFound(f"the region name {key[:80]!r} is ambiguous: give a code",
                           valid=sorted(r.code for r in named))
        raise NotFound(f"unknown region {key[:80]!r} (a NUTS 2024 code, US-XX, US-<FIPS>, an ISO country code "
                       f"or a region name)", valid=self.similar_codes(key))

    def similar_codes(self, text: str, limit: int = 50) -> list[str]:
        """Codes sharing the longest possible prefix with `text`, else the countries: a useful 'did you mean'."""
        key = text.strip().upper()
        for length in range(min(len(key), 5), 0, -1):
            found = sorted(c for c in self.by_code if c.startswith(key[:length]))
            if found:
                return found[:limit]
        return sorted(r.code for r in self.by_iri.values() if r.level == 0)[:limit]

    def descendants(self, region: Region) -> list[Region]:
        found, stack = [], list(self.children.get(str(region.iri), []))
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.children.get(str(current.iri), []))
        return found

    def ancestors(self, region: Region) -> list[Region]:
        chain, seen = [], {str(region.iri)}
        current = region
        while current.parent is not None and str(current.parent) not in seen:
            parent = self.by_iri.get(str(current.parent))
            if parent is None:
                break
            chain.append(parent)
            seen.add(str(parent.iri))
            current = parent
        return chain


class Catalogue:
    """Concepts (fixed for the process) and regions (re-read after a data set is loaded)."""

    def __init__(self, ontology_dir: Path, store: Store):
        self.concepts = Concepts(ontology_dir)
        self._store = store
        self._regions: Regions | None = None

    @property
    def regions(self) -> Regions:
        if self._regions is None:
            self._regions = Regions.read(self._store)
        return self._regions

    def refresh(self) -> None:
        self._regions = None
