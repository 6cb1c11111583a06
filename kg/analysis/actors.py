"""Actors as results describe them: id, name, types, sphere and seat, read from query rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib.term import Node

from kg.analysis.names import actor_id
from kg.analysis.queries import sparql
from kg.errors import NotFound, QueryRefused
from kg.namespaces import actor_iri
from kg.params import SLUG
from kg.store import Store


@dataclass(frozen=True)
class ActorInfo:
    id: str
    name: str
    types: tuple[str, ...] = ()
    sphere: str | None = None
    seat: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "types": list(self.types), "sphere": self.sphere, "seat": self.seat}


SYMMETRIC = frozenset({"collaborates-with"})


@dataclass(frozen=True)
class Link:
    """A relation between two actors, named as in the template's relations.csv but with hyphens."""

    source: str
    relation: str
    target: str

    @classmethod
    def of(cls, source: str, relation: str, target: str) -> Link:
        """A link with a symmetric relation's ends in order, so that both readings of it are one link."""
        if relation in SYMMETRIC:
            source, target = sorted((source, target))
        return cls(source, relation, target)

    def to_dict(self) -> dict:
        return {"source": self.source, "relation": self.relation, "target": self.target}


def read_actors(rows: Iterable[Mapping[str, Node | None]]) -> dict[str, ActorInfo]:
    """Merge rows of ?actor ?name ?sphere ?type ?seat (one per type) into one ActorInfo per actor."""
    merged: dict[str, dict] = {}
    for row in rows:
        ident = actor_id(row["actor"])
        entry = merged.setdefault(ident, {"name": str(row.get("name") or ident), "types": set(), "sphere": None,
                                          "seat": None})
        if row.get("type") is not None:
            entry["types"].add(str(row["type"]))
        for key in ("sphere", "seat"):
            if entry[key] is None and row.get(key) is not None:
                entry[key] = str(row[key])
    return {
        ident: ActorInfo(ident, e["name"], tuple(sorted(e["types"])), e["sphere"], e["seat"])
        for ident, e in sorted(merged.items())
    }


def actors_dict(actors: Mapping[str, ActorInfo], ids: Iterable[str] | None = None) -> dict[str, dict]:
    """The `actors` member of a result: every actor the result names, by id."""
    wanted = sorted(set(ids)) if ids is not None else sorted(actors)
    return {i: actors[i].to_dict() for i in wanted if i in actors}


def lookup_actor(store: Store, ident: str) -> ActorInfo:
    """An actor by its id (the template's slug); NotFound if the store does not know it."""
    if not SLUG.match(ident):
        raise QueryRefused(f"not an actor id: {ident[:60]!r}")
    found = read_actors(store.select(sparql("actor"), {"actor": actor_iri(ident)}).rows)
    if not found:
        raise NotFound(f"unknown actor {ident!r}")
    return next(iter(found.values()))
