"""Where an analysis looks: a region (any NUTS level, a US state or county, a country) and which services
count as available in it.

'Located in' and 'serves' stay distinct: coverage counts services by the area they are offered in
(rc:offeredIn, materialised at load time), the network counts actors by their seat (rc:locatedWithin).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.analysis.queries import sparql
from kg.params import resolve_region
from kg.store import Store


@dataclass(frozen=True)
class Scope:
    """A region and the switches that say which services are available in it.

    include_served_from_above: services offered in an area that contains the region (a national or EU
    programme) count in it. include_subregions: services offered only in a part of the region count too.
    """

    region: URIRef
    code: str
    label: str
    include_served_from_above: bool = True
    include_subregions: bool = True

    def bindings(self, **extra: Node) -> dict[str, Node]:
        """The values every scoped query binds: ?region, ?above, ?below, and the query's own."""
        return {
            "region": self.region,
            "above": Literal(self.include_served_from_above),
            "below": Literal(self.include_subregions),
            **extra,
        }

    def to_dict(self) -> dict:
        return {
            "region": self.code,
            "label": self.label,
            "include_served_from_above": self.include_served_from_above,
            "include_subregions": self.include_subregions,
        }


def region_scope(
    store: Store, code: str, include_served_from_above: bool = True, include_subregions: bool = True
) -> Scope:
    """Resolve a region code (raises NotFound for an unknown one) into a scope."""
    region = resolve_region(code, store)
    labels = store.select(sparql("region-label"), {"region": region}).values("label")
    label = str(labels[0]) if labels else code
    return Scope(region, code.strip().upper(), label, include_served_from_above, include_subregions)

