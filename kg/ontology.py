"""The ontology, its taxonomies and shapes as files, and the code/label index the template resolves against."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SKOS

from kg.errors import LoadError, NotFound, Problem
from kg.rdfio import parse_rdf_file

# scheme name -> class of its concepts; the names are the template's vocabulary (ontology/CODES.md)
SCHEMES: dict[str, str] = {
    "determinant": "Determinant",
    "role": "Role",
    "instrument": "Instrument",
    "phase": "Phase",
    "service-category": "ServiceCategory",
    "target-group": "TargetGroup",
    "actor-type": "ActorType",
    "sector": "Sector",
    "sphere": "Sphere",
    "delivery-mode": "DeliveryMode",
}


def ontology_files(ontology_dir: Path) -> list[Path]:
    """Core ontology and taxonomies (not the shapes): what is loaded into the store as the `ontology` graph."""
    return [ontology_dir / "core.ttl", *sorted((ontology_dir / "taxonomies").glob("*.ttl"))]


def shapes_files(ontology_dir: Path) -> list[Path]:
    return sorted((ontology_dir / "shapes").glob("*.ttl"))


def read_graph(files: list[Path]) -> Graph:
    graph = Graph()
    problems: list[Problem] = []
    for path in files:
        try:
            graph += parse_rdf_file(path)
        except LoadError as exc:
            problems.extend(exc.problems)
    if problems:
        raise LoadError(problems)
    return graph


@cache
def ontology_graph(ontology_dir: Path) -> Graph:
    return read_graph(ontology_files(ontology_dir))


@cache
def shapes_graph(ontology_dir: Path) -> Graph:
    return read_graph(shapes_files(ontology_dir))


@dataclass
class SchemeIndex:
    """Concepts of one scheme by code and by lower-cased preferred or alternative label, so analysts can write
    any of them; `suggest` offers the closest spellings for a miss."""

    name: str
    iri: URIRef
    by_code: dict[str, URIRef] = field(default_factory=dict)
    by_label: dict[str, URIRef] = field(default_factory=dict)
    spelled: dict[str, str] = field(default_factory=dict)  # lower-cased label -> the label as written

    def resolve(self, text: str) -> URIRef | None:
        key = text.strip()
        label = " ".join(key.split()).lower()
        return self.by_code.get(key) or self.by_code.get(key.lower()) or self.by_label.get(label)

    def codes(self) -> list[str]:
        return sorted(self.by_code)

    def add_label(self, label: str, concept: URIRef) -> None:
        key = " ".join(label.split()).lower()
        self.by_label.setdefault(key, concept)
        self.spelled.setdefault(key, " ".join(label.split()))

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """The codes and labels closest to a misspelt value, best first."""
        key = text.strip().lower()
        candidates = self.spelled | {code.lower(): code for code in self.by_code}
        return [candidates[m] for m in difflib.get_close_matches(key, candidates, n=limit, cutoff=0.75)]


@cache
def taxonomy_index(ontology_dir: Path) -> dict[str, SchemeIndex]:
    graph = ontology_graph(ontology_dir)
    from kg.namespaces import RC, scheme_iri

    index: dict[str, SchemeIndex] = {}
    for name, cls in SCHEMES.items():
        scheme = SchemeIndex(name, scheme_iri(name))
        for concept in graph.subjects(RDF.type, RC[cls]):
            if not isinstance(concept, URIRef):
                continue
            for notation in graph.objects(concept, SKOS.notation):
                scheme.by_code[str(notation)] = concept
            labels = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            for label in (label for prop in labels for label in graph.objects(concept, prop)):
                scheme.add_label(str(label), concept)
        index[name] = scheme
    return index


def scheme(ontology_dir: Path, name: str) -> SchemeIndex:
    index = taxonomy_index(ontology_dir)
    if name not in index:
        raise NotFound(f"unknown taxonomy {name!r}", valid=sorted(index))
    return index[name]


def concept_rows(ontology_dir: Path, name: str) -> list[dict[str, str]]:
    """One row per concept of a scheme: code, preferred label, alternative labels (`;`-separated), broader code."""
    graph = ontology_graph(ontology_dir)
    rows = []
    for code, iri in sorted(scheme(ontology_dir, name).by_code.items()):
        broader = graph.value(iri, SKOS.broader)
        alternatives = sorted({str(label) for label in graph.objects(iri, SKOS.altLabel)}, key=str.lower)
        rows.append({
            "code": code,
            "label": str(graph.value(iri, SKOS.prefLabel) or ""),
            "alt_labels": "; ".join(alternatives),
            "broader": str(graph.value(broader, SKOS.notation) or "") if broader is not None else "",
        })
    return rows


def scheme_rows(ontology_dir: Path) -> list[dict[str, str]]:
    """The schemes with their number of concepts and the template columns that take their codes."""
    from kg.loading.template import scheme_columns

    columns = scheme_columns()
    return [{"scheme": name, "concepts": str(len(index.by_code)), "template columns": ", ".join(columns.get(name, []))}
            for name, index in taxonomy_index(ontology_dir).items()]
