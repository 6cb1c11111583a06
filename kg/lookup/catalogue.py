"""In-memory indexes of the small, slowly changing vocabularies every record names: taxonomy concepts and
regions, and the names of actors and services for the search. Reading them once (regions are a few thousand
rows even for all of Europe) keeps each look-up to a single query and lets codes, labels and names be resolved
without touching the store."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.errors import NotFound
from kg.importers.placement import normalise
from kg.lookup.records import ConceptRecord, ConceptRef, RegionRef, SchemeRecord
from kg.lookup.search import ALIAS, MAIN, PREFIX, Hit, Named, NameIndex, read_names
from kg.ontology import ontology_graph, scheme, taxonomy_index
from kg.store import Store

REGIONS = """
SELECT ?r ?code ?level ?parent ?label ?alt WHERE {
  ?r rc:regionCode ?code .
  OPTIONAL { ?r rc:level ?level }
  OPTIONAL { ?r rc:parentRegion ?parent }
  OPTIONAL { { ?r skos:prefLabel ?label } UNION { ?r skos:altLabel ?alt } }
}
"""

CODE_LIKE = re.compile(r"^[A-Z]{2}[A-Z0-9-]{0,8}$")  # NUTS, US-XX, US-<FIPS>, ISO country codes
CODE = MAIN + 1  # a region's code ranks above any name
MIN_GUESS = 3  # a region is resolved from a word begun or misspelt only when the text has this many letters
AMBIGUOUS_SHOWN = 10


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
        # a scheme's natural order, where an ordered collection gives one (the phases)
        self._position: dict[str, int] = {}
        for members in graph.objects(None, SKOS.memberList):
            for position, member in enumerate(Collection(graph, members)):
                self._position.setdefault(str(member), position)

    def ref(self, iri: Node) -> ConceptRef | None:
        record = self.by_iri.get(str(iri))
        if record is None:
            return None
        return ConceptRef(scheme=record.scheme, code=record.code, label=record.label, iri=record.iri)

    def refs(self, iris: Iterable[Node]) -> list[ConceptRef]:
        found = (self.ref(i) for i in iris)
        return sorted((r for r in found if r is not None), key=lambda r: r.code)

    def label(self, iri: Node | str | None) -> str | None:
        record = self.by_iri.get(str(iri)) if iri is not None else None
        return record.label if record else None

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

    def in_order(self, scheme_name: str) -> list[ConceptRecord]:
        """The scheme's concepts in its natural order (pre-start before start-up), else by label."""
        return sorted(self.in_scheme(scheme_name),
                      key=lambda c: (self._position.get(c.iri, len(self._position)), c.label.lower()))

    def grouped(self, scheme_name: str) -> list[tuple[ConceptRecord, list[ConceptRecord]]]:
        """Top concepts with the concepts directly below them, by label: a select grouped by category."""
        concepts = self.in_order(scheme_name)
        return [(top, [c for c in concepts if c.broader == top.iri]) for top in concepts if top.broader is None]


@dataclass(frozen=True)
class Region:
    iri: URIRef
    code: str
    name: str
    level: int | None
    parent: URIRef | None

    def ref(self) -> RegionRef:
        return RegionRef(code=self.code, name=self.name, level=self.level, iri=str(self.iri))


def name_variants(label: str) -> list[str]:
    """A region's label and the shorter names people use for it: each part of a bilingual label
    ('Bruxelles/Brussel') and the part before a comma ('Mannheim, Stadtkreis' is Mannheim)."""
    found = [label]
    for part in (label, *label.split("/")):
        for text in (part, part.split(",")[0]):
            if text.strip() and text.strip() not in found:
                found.append(text.strip())
    return found


@dataclass
class Regions:
    """Every region the store knows, by IRI, code and name (any label language, accents and small typos
    forgiven), with the containment tree. The one place where a region's name becomes a region."""

    by_iri: dict[str, Region] = field(default_factory=dict)
    by_code: dict[str, Region] = field(default_factory=dict)
    children: dict[str, list[Region]] = field(default_factory=dict)
    names: NameIndex[Region] = field(default_factory=lambda: NameIndex([]))

    @classmethod
    def read(cls, store: Store) -> Regions:
        rows: dict[str, dict] = {}
        for row in store.select(REGIONS).rows:
            entry = rows.setdefault(str(row["r"]), {"iri": row["r"], "code": str(row["code"]), "labels": set(),
                                                    "alts": set(), "level": None, "parent": None})
            if row.get("level") is not None:
                entry["level"] = int(row["level"])
            if row.get("parent") is not None:
                entry["parent"] = row["parent"]
            if row.get("label") is not None:
                entry["labels"].add(row["label"])
            if row.get("alt") is not None:
                entry["alts"].add(row["alt"])
        regions = cls()
        named: list[tuple[Region, list[str]]] = []
        for entry in rows.values():
            region = Region(entry["iri"], entry["code"], best_label(entry["labels"]) or entry["code"],
                            entry["level"], entry["parent"])
            regions.by_iri[str(region.iri)] = region
            regions.by_code[region.code.upper()] = region
            labels = [region.name, *sorted(str(lbl) for lbl in entry["labels"] | entry["alts"])]
            named.append((region, [v for label in labels for v in name_variants(label)]))
        for region in regions.by_iri.values():
            if region.parent is not None:
                regions.children.setdefault(str(region.parent), []).append(region)
        for kids in regions.children.values():
            kids.sort(key=lambda r: r.code)
        regions.names = NameIndex(sorted(named, key=lambda pair: pair[0].code))
        return regions

    def ref(self, iri: Node) -> RegionRef | None:
        region = self.by_iri.get(str(iri))
        return region.ref() if region else None

    def refs(self, iris: Iterable[Node]) -> list[RegionRef]:
        found = (self.ref(i) for i in iris)
        return sorted((r for r in found if r is not None), key=lambda r: r.code)

    def find(self, text: str, limit: int | None = 20) -> list[Hit[Region]]:
        """Regions whose code begins with the text or whose names match it, best first (the search box)."""
        key = text.strip().upper()
        hits: dict[str, Hit[Region]] = {}
        if CODE_LIKE.match(key):
            begun = sorted((c for c in self.by_code if c.startswith(key)), key=lambda c: (len(c), c))
            for code in begun[:limit]:
                region = self.by_code[code]
                tier = CODE if code == key else PREFIX
                hits[str(region.iri)] = Hit(region, tier, 1 + len(key) / len(code), code)
        for hit in self.names.find(text, limit):
            known = hits.get(str(hit.item.iri))
            if known is None or (hit.tier, hit.score) > (known.tier, known.score):
                hits[str(hit.item.iri)] = hit
        ranked = sorted(hits.values(), key=lambda h: (-h.tier, -h.score, h.item.code))
        return ranked if limit is None else ranked[:limit]

    def candidates(self, text: str) -> list[Region]:
        """The regions a text names: one for a code or a name that fits one region best, several when it is
        ambiguous, none when nothing fits. Regions of one name nested in each other (Berlin the Land, the
        NUTS-2 and the NUTS-3 region) are one territory: the largest stands for them."""
        key = text.strip()
        region = self.by_code.get(key.upper())
        if region is not None:
            return [region]
        hits = self.names.find(key, None)
        if not hits or (hits[0].tier < ALIAS and len(normalise(key).replace(" ", "")) < MIN_GUESS):
            return []
        top = list({str(h.item.iri): h.item for h in hits if h.tier == hits[0].tier}.values())
        outermost = min(top, key=lambda r: (r.level if r.level is not None else 99, r.code))
        if all(r is outermost or outermost in self.ancestors(r) for r in top):
            return [outermost]
        return top

    def resolve(self, text: str) -> Region:
        """A region by code (any case) or by name; NotFound lists the candidates of an ambiguous name with
        their names, or codes that look alike."""
        key = text.strip()
        found = self.candidates(key)
        if len(found) == 1:
            return found[0]
        if found:
            shown = "; ".join(f"{r.code} {r.name}" for r in found[:AMBIGUOUS_SHOWN])
            more = f" and {len(found) - AMBIGUOUS_SHOWN} more" if len(found) > AMBIGUOUS_SHOWN else ""
            raise NotFound(f"the region name {key[:80]!r} fits {len(found)} regions: {shown}{more}; give a code "
                           f"or a fuller name", valid=[r.code for r in found[:50]])
        raise NotFound(f"unknown region {key[:80]!r} (a NUTS 2024 code, US-XX, US-<FIPS>, an ISO country code "
                       f"or a region name)", valid=self.similar_codes(key))

    def name_of(self, iri: Node | str | None) -> str | None:
        region = self.by_iri.get(str(iri)) if iri is not None else None
        return f"{region.name} ({region.code})" if region else None

    def describe(self, region: Region, matched: str | None = None) -> str:
        """What a search suggestion says about a region: the name it was found by, its kind and where it lies."""
        kind = "country" if region.level == 0 else (
            f"NUTS {region.level} region" if region.level and "-" not in region.code else "region")
        parts = [kind]
        if matched and matched != region.code and normalise(matched) not in normalise(region.name):
            parts.insert(0, f"“{matched}”")
        around = list(dict.fromkeys(r.name for r in self.ancestors(region)))  # Berlin in Berlin in Berlin
        if around:
            parts.append("in " + ", ".join(around))
        return " · ".join(parts)

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
    """Concepts (fixed for the process), regions and the names of actors and services (re-read after a data set
    is loaded)."""

    def __init__(self, ontology_dir: Path, store: Store):
        self.concepts = Concepts(ontology_dir)
        self._store = store
        self._regions: Regions | None = None
        self._names: NameIndex[Named] | None = None

    @property
    def regions(self) -> Regions:
        if self._regions is None:
            self._regions = Regions.read(self._store)
        return self._regions

    @property
    def names(self) -> NameIndex[Named]:
        if self._names is None:
            self._names = read_names(self._store)
        return self._names

    def refresh(self) -> None:
        self._regions = None
        self._names = None
