"""`kg ontology check`: everything parses, every term is documented, the taxonomies pass the shapes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS

from kg.errors import LoadError, Problem
from kg.namespaces import RC, scheme_iri
from kg.ontology import SCHEMES, ontology_files, read_graph, shapes_files
from kg.validation import shacl_problems


@dataclass
class OntologyReport:
    schemes: dict[str, tuple[int, int]] = field(default_factory=dict)
    classes: int = 0
    properties: int = 0
    assignments: int = 0
    shapes: int = 0
    problems: list[Problem] = field(default_factory=list)

    def rows(self) -> list[dict]:
        return [{"scheme": s, "concepts": n, "top concepts": t} for s, (n, t) in self.schemes.items()]


def _undocumented_terms(graph: Graph, file: str) -> list[Problem]:
    problems = []
    namespace = str(RC)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    for kind in kinds:
        for term in graph.subjects(RDF.type, kind):
            if not str(term).startswith(namespace):
                continue
            for prop, what in ((RDFS.label, "rdfs:label"), (SKOS.definition, "skos:definition")):
                if graph.value(term, prop) is None:
                    problems.append(Problem(file, f"rc:{term.fragment} has no {what}"))
    return problems


def _duplicate_labels(graph: Graph, scheme: URIRef, name: str, file: str) -> list[Problem]:
    labels = Counter(
        str(label).lower()
        for concept in graph.subjects(SKOS.inScheme, scheme)
        for label in graph.objects(concept, SKOS.prefLabel)
    )
    return [Problem(file, f"label used twice in scheme {name}", value=label) for label, n in labels.items() if n > 1]


def check_ontology(ontology_dir: Path) -> OntologyReport:
    report = OntologyReport()
    try:
        graph = read_graph(ontology_files(ontology_dir))
        shapes = read_graph(shapes_files(ontology_dir))
    except LoadError as exc:
        report.problems = exc.problems
        return report
    where = str(ontology_dir)
    for name, cls in SCHEMES.items():
        iri = scheme_iri(name)
        concepts = set(graph.subjects(RDF.type, RC[cls]))
        tops = set(graph.objects(iri, SKOS.hasTopConcept))
        report.schemes[name] = (len(concepts), len(tops))
        if not concepts:
            report.problems.append(Problem(where, f"scheme {name} has no concepts"))
        if (iri, RDF.type, SKOS.ConceptScheme) not in graph:
            report.problems.append(Problem(where, f"scheme {name} is not declared as skos:ConceptScheme"))
        report.problems += _duplicate_labels(graph, iri, name, where)
    report.classes = sum(1 for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(str(RC)))
    report.properties = sum(
        1 for k in (OWL.ObjectProperty, OWL.DatatypeProperty) for p in graph.subjects(RDF.type, k)
        if str(p).startswith(str(RC))
    )
    report.assignments = len(set(graph.subjects(RDF.type, RC.ResponsibilityAssignment)))
    report.shapes = len(set(shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape"))))
    report.problems += _undocumented_terms(graph, str(ontology_dir / "core.ttl"))
    report.problems += shacl_problems(graph, shapes, Graph(), where)
    return report
