"""The ontology, its taxonomies and shapes as files, and the code/label index the template resolves against."""

from __future__ import annotations

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
    """Concepts of one scheme by code and by lower-cased label, so analysts can write either."""

    name: str
    iri: URIRef
    by_code: dict[str, URIRef] = field(default_factory=dict)
    by_label: dict[str, URIRef] = field(default_factory=dict)

    def resolve(self, text: str) -> URIRef | None:
        key = text.strip()
        return self.by_code.get(key) or self.by_code.get(key.lower()) or self.by_label.get(key.lower())

    def codes(self) -> list[str]:
        return sorted(self.by_code)


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
            for label in (*graph.objects(concept, SKOS.prefLabel), *graph.objects(concept, SKOS.altLabel)):
                scheme.by_label.setdefault(str(label).lower(), concept)
        index[name] = scheme
    return index


def scheme(ontology_dir: Path, name: str) -> SchemeIndex:
    index = taxonomy_index(ontology_dir)
    if name not in index:
        raise NotFound(f"unknown taxonomy {name!r}", valid=sorted(index))
    return index[name]
