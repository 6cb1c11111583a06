"""Data sets that others refer to: replacing or removing one must not leave references dangling.

A region data set is what actors and services of other data sets are placed in; a one-triple upload over it
would silently take their regions away. So before a write, the entities a replaced data set defines that other
data sets refer to are listed: any the new version no longer defines is refused (with the list), and replacing a
data set others depend on at all needs an explicit force."""

from __future__ import annotations

from collections import Counter

from rdflib import RDF, Graph, URIRef

from kg.errors import Problem, ReferenceConflict
from kg.namespaces import GRAPH, ONTOLOGY_GRAPH, dataset_graph
from kg.store import Store

REFERENCED = """
SELECT ?entity ?g (COUNT(*) AS ?refs) WHERE {
  GRAPH ?old { ?entity a ?type }
  GRAPH ?g { ?referrer ?p ?entity }
  FILTER (?g != ?old && ?p != rdf:type)
  FILTER NOT EXISTS { GRAPH ?elsewhere { ?entity a ?also } FILTER (?elsewhere != ?old) }
} GROUP BY ?entity ?g
"""
SHOWN = 20


def replacement_check(store: Store, graphs: dict[str, Graph], allow_dependents: bool) -> None:
    """Refuse writing `graphs` (data-set id -> its new graph; an empty graph removes it) when other data sets,
    not written in the same batch, refer to entities that would disappear, or, unless `allow_dependents`,
    refer to the data set at all."""
    batch = {str(dataset_graph(ds_id)) for ds_id in graphs} | {ONTOLOGY_GRAPH}
    problems: list[Problem] = []
    for ds_id, graph in graphs.items():
        rows = store.select(REFERENCED, {"old": dataset_graph(ds_id)}).rows
        outside = [r for r in rows if str(r["g"]) not in batch]
        if not outside:
            continue
        defined = set(graph.subjects(RDF.type, None))
        lost = [r for r in outside if r["entity"] not in defined]
        users = Counter(_name(r["g"]) for r in outside)
        if lost:
            problems.extend(_orphan_problems(ds_id, lost))
        elif not allow_dependents:
            problems.append(Problem(ds_id, f"data sets {', '.join(sorted(users))} refer to {ds_id}: it is a reference "
                                           f"data set; the new version keeps every entity they use, so it may "
                                           f"replace it when forced (force=true)"))
    if problems:
        raise ReferenceConflict(problems)


def _orphan_problems(ds_id: str, lost: list[dict]) -> list[Problem]:
    entities = Counter()
    users: dict[URIRef, set[str]] = {}
    for row in lost:
        entities[row["entity"]] += int(row["refs"])
        users.setdefault(row["entity"], set()).add(_name(row["g"]))
    problems = [Problem(ds_id, f"{entity} would disappear but {count} statement(s) of data set(s) "
                               f"{', '.join(sorted(users[entity]))} refer to it", value=str(entity))
                for entity, count in entities.most_common(SHOWN)]
    if len(entities) > SHOWN:
        problems.append(Problem(ds_id, f"and {len(entities) - SHOWN} more entities that other data sets refer to"))
    return problems


def _name(graph: object) -> str:
    return str(graph).removeprefix(GRAPH)
