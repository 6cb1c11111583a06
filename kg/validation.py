"""SHACL validation with pySHACL: each violation becomes a Problem naming the focus node and the broken rule."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from kg.errors import Problem

SH = Namespace("http://www.w3.org/ns/shacl#")


def shacl_problems(data: Graph, shapes: Graph, ontology: Graph, file: str) -> list[Problem]:
    """Validate `data` with the taxonomies mixed in (so `sh:class` sees concept types); list every violation.

    The union is built here because pySHACL mixes its `ont_graph` in only when it runs inference."""
    from pyshacl import validate

    combined = Graph()
    for triple in data:
        combined.add(triple)
    for triple in ontology:
        combined.add(triple)
    conforms, report, _ = validate(
        combined, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True, advanced=True,
    )
    if conforms:
        return []
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        message = report.value(result, SH.resultMessage)
        problems.append(
            Problem(
                file=file,
                message=f"{_short(focus)}: {message}",
                column=_short(path) if isinstance(path, URIRef) else None,
                value=_short(value) if value is not None else None,
            )
        )
    return sorted(problems, key=str)


def _short(term: object) -> str:
    from kg.namespaces import PREFIXES

    text = str(term)
    for prefix, iri in PREFIXES.items():
        if text.startswith(iri):
            return f"{prefix}:{text[len(iri):]}"
    return text
