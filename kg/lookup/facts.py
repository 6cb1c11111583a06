"""Grouping `?s ?p ?o ?olabel` rows into the facts of each subject, and reading them by property."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS
from rdflib.term import Node

from kg.lookup.records import ActorRef, Provenance
from kg.namespaces import BASE, RC

ACTOR_PREFIX = BASE + "id/actor/"
SERVICE_PREFIX = BASE + "id/service/"
DATASET_PREFIX = BASE + "id/dataset/"


def short_id(iri: Node, prefix: str) -> str:
    """The template slug of one of the project's IRIs; any other IRI stays whole, so ids never collide."""
    text = str(iri)
    return text.removeprefix(prefix) if text.startswith(prefix) else text


@dataclass
class Facts:
    """The triples of one subject, and the names of the actors they point to."""

    iri: URIRef
    values: dict[str, list[Node]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def all(self, prop: URIRef) -> list[Node]:
        return self.values.get(str(prop), [])

    def one(self, prop: URIRef) -> Node | None:
        found = self.all(prop)
        return min(found, key=str) if found else None

    def text(self, prop: URIRef) -> str | None:
        value = self.one(prop)
        return str(value) if value is not None else None

    def actor(self, iri: Node) -> ActorRef:
        return ActorRef(id=short_id(iri, ACTOR_PREFIX), name=self.names.get(str(iri), short_id(iri, ACTOR_PREFIX)),
                        iri=str(iri))

    def actors(self, prop: URIRef) -> list[ActorRef]:
        return sorted((self.actor(i) for i in self.all(prop)), key=lambda a: a.name.lower())

    def name(self) -> str:
        return self.text(RDFS.label) or short_id(self.iri, ACTOR_PREFIX)

    def sort_key(self) -> str:
        """The order of lists: the lower-cased name, as the queries sort pages (MIN(LCASE(?name)))."""
        return min((str(label).lower() for label in self.all(RDFS.label)), default="")

    def provenance(self) -> Provenance:
        inferred = self.one(RC.inferred)
        dataset = self.one(RC.inDataset)
        return Provenance(
            sources=sorted(str(s) for s in self.all(DCTERMS.source)),
            locator=self.text(RC.sourceLocator),
            inferred=isinstance(inferred, Literal) and inferred.toPython() is True,
            dataset=short_id(dataset, DATASET_PREFIX) if dataset is not None else None,
        )


def group_facts(rows: Iterable[Mapping[str, Node | None]], subject: str = "s") -> dict[str, Facts]:
    """Facts per subject, in the order subjects first appear; duplicate rows (union graph) collapse."""
    grouped: dict[str, Facts] = {}
    for row in rows:
        s = row[subject]
        facts = grouped.get(str(s))
        if facts is None:
            facts = grouped[str(s)] = Facts(URIRef(str(s)))
        values = facts.values.setdefault(str(row["p"]), [])
        if row["o"] not in values:
            values.append(row["o"])
        if row.get("olabel") is not None:
            facts.names.setdefault(str(row["o"]), str(row["olabel"]))
    return grouped
