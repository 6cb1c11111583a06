"""What is in the store: named graphs, triples, actors and services by the country and region of their seat."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.store import Store

ACTORS_BY_REGION = """
SELECT ?code ?name (COUNT(DISTINCT ?actor) AS ?actors) (COUNT(DISTINCT ?service) AS ?services) WHERE {
  ?actor a rc:Actor ; rc:locatedWithin ?region .
  ?region rc:regionCode ?code ; rc:level ?level .
  FILTER (?level <= 2)
  OPTIONAL { ?region skos:prefLabel ?name FILTER (lang(?name) = "" || langMatches(lang(?name), "en")) }
  OPTIONAL { ?actor rc:provides ?service }
}
GROUP BY ?code ?name
ORDER BY ?code
"""


@dataclass
class StoreStats:
    graphs: dict[str, int]
    triples: int
    actors: int
    services: int
    regions: int
    region_rows: list[dict] = field(default_factory=list)

    def graph_rows(self) -> list[dict]:
        return [{"graph": g, "triples": n} for g, n in sorted(self.graphs.items())]


def _count(store: Store, cls: str) -> int:
    rows = store.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}").rows
    return int(rows[0]["n"]) if rows else 0


def store_stats(store: Store) -> StoreStats:
    region_rows: dict[str, dict] = {}
    for r in store.select(ACTORS_BY_REGION).rows:
        code = str(r["code"])
        region_rows.setdefault(code, {
            "region": code, "name": str(r["name"] or ""), "actors": int(r["actors"]), "services": int(r["services"])
        })
    return StoreStats(
        graphs=store.graph_sizes(),
        triples=store.triple_count(),
        actors=_count(store, "rc:Actor"),
        services=_count(store, "rc:Service"),
        regions=_count(store, "rc:Region"),
        region_rows=list(region_rows.values()),
    )
