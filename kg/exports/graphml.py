"""GraphML of the actor network for network tools (Gephi, Cytoscape, yEd, networkx): actors as nodes with
their type, sphere and seat; relations as directed edges named by the template's relation names, plus the
service-level links (signposting, funding) with the service they go through."""

from __future__ import annotations

import io
from collections import Counter

import networkx as nx

from kg.exports.data import ExportData


def network(data: ExportData) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="regional collaboration system")
    offered = Counter(s.provider.iri for s in data.services if s.provider)
    for actor in data.actors:
        attributes = {
            "label": actor.name, "iri": actor.iri, "kind": actor.kind,
            "types": ";".join(t.code for t in actor.types),
            "sphere": actor.sphere.code if actor.sphere else "",
            "seat": actor.seat.code if actor.seat else "",
            "seat_name": actor.seat.name if actor.seat else "",
            "services": offered[actor.iri],
        }
        graph.add_node(actor.id, **attributes)
    ids = {a.iri: a.id for a in data.actors}
    for edge in data.edges:
        graph.add_edge(ids[edge.source], ids[edge.target], key=f"{edge.relation}:{edge.via or ''}",
                       relation=edge.relation, via=edge.via or "")
    return graph


def graphml_bytes(data: ExportData) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(network(data), buffer, encoding="utf-8")
    return buffer.getvalue()
