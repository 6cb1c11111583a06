"""Filtered, paginated lists of one class of records, built from fixed query fragments.

Every filter is a fixed graph pattern over `?s` and one variable named after the filter. A request only
chooses which fragments take part and what they match: sets of IRIs taken from the catalogue (a region with
the regions around it, a concept with its narrower concepts; never text from the request), written by
`term_to_sparql`, which refuses anything that is not a well-formed IRI; and free text as a bound literal
(`bind_values`). LIMIT and OFFSET are validated integers. The free text may also match the labels of
concepts a record points to (a service's category and instruments): that is a fixed pattern too, and the text
stays the one bound literal, so the query's shape never depends on what was asked.

The first IRI filter is written as a VALUES block and the others as FILTER ... IN: measured on a 1.3M-triple
graph, Oxigraph then starts from the most selective index and stays under 2 ms, where two VALUES blocks (or a
property path, or a UNION) made it join whole indexes (150-1,200 ms).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rdflib import RDF, Literal, URIRef
from rdflib.term import Node

from kg.errors import NotFound, QueryRefused
from kg.lookup.facts import Facts, group_facts
from kg.params import SLUG
from kg.store import Store
from kg.store.base import term_to_sparql

TEXT_FILTER = """?s rdfs:label ?textName . OPTIONAL { ?s schema:description ?textDescription }
FILTER (CONTAINS(LCASE(STR(?textName)), ?text) || CONTAINS(LCASE(STR(COALESCE(?textDescription, ""))), ?text))"""
# ... or in a label of a concept the record points to by the listing's properties, or of a concept above that
# one. A UNION of (record, text) pairs under one FILTER: the FILTER must sit beside the bound ?text (inside a
# UNION branch it would not see it), and the EXISTS form took Oxigraph seconds on all bundled data (this: 0.3 s).
TEXT_OR_CONCEPTS = """{ ?s rdfs:label|schema:description ?textValue }
UNION
{ ?s %s ?textDirect . ?textDirect skos:broader* ?textConcept . ?textConcept skos:prefLabel|skos:altLabel ?textValue }
FILTER (CONTAINS(LCASE(STR(?textValue)), ?text))"""

Criteria = Mapping[str, Sequence[URIRef] | Literal]
# facet name -> (property from ?s, whether a concept counts the records of the concepts below it)
Facets = Mapping[str, tuple[str, bool]]


@dataclass(frozen=True)
class Listing:
    cls: str
    filters: Mapping[str, str]  # filter name -> pattern over ?s and ?<name>, in the order they are tried
    text_concepts: str | None = None  # properties from ?s to concepts whose labels the free text searches too

    def where(self, criteria: Criteria) -> tuple[str, dict[str, Node]]:
        """The WHERE body for the criteria, and the literals to bind."""
        unknown = set(criteria) - set(self.filters) - {"text"}
        if unknown:
            raise QueryRefused(f"no filter {', '.join(sorted(unknown))}")
        parts, bound, anchored = [], {}, False
        for name, pattern in self.filters.items():
            value = criteria.get(name)
            if value is None:
                continue
            terms = [term_to_sparql(v) for v in value]
            if not anchored:
                parts += [f"VALUES ?{name} {{ {' '.join(terms)} }}", pattern]
                anchored = True
            else:
                parts += [pattern, f"FILTER (?{name} IN ({', '.join(terms)}))"]
        parts.append(f"?s a {self.cls} .")
        if isinstance(criteria.get("text"), Literal):
            parts.append(TEXT_OR_CONCEPTS % self.text_concepts if self.text_concepts else TEXT_FILTER)
            bound["text"] = criteria["text"]
        return "\n".join(parts), bound

    def page(self, store: Store, criteria: Criteria, limit: int | None, offset: int = 0) -> list[Facts]:
        """The facts of the matching subjects, sorted by name; all of them when `limit` is None."""
        where, bound = self.where(criteria)
        window = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        # The outer query has no WHERE keyword on purpose: `bind_values` puts the bound text into the first
        # WHERE group, which is the sub-select that filters; the outer part only reads the page's triples.
        query = f"""SELECT ?s ?p ?o ?olabel {{
  {{ SELECT ?s (MIN(LCASE(STR(?name))) AS ?key) WHERE {{
      {where}
      ?s rdfs:label ?name .
    }} GROUP BY ?s ORDER BY ?key ?s {window} }}
  ?s ?p ?o .
  OPTIONAL {{ ?o rdfs:label ?olabel }}
}}"""
        facts = group_facts(store.select(query, bound).rows)
        return sorted(facts.values(), key=lambda f: (f.sort_key(), str(f.iri)))

    def total(self, store: Store, criteria: Criteria, found: int, limit: int | None, offset: int) -> int:
        """How many match in all: known without a second query when the page is the first and not full."""
        if limit is None or (offset == 0 and found < limit):
            return found
        return self.count(store, criteria)

    def count(self, store: Store, criteria: Criteria) -> int:
        where, bound = self.where(criteria)
        rows = store.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{\n{where}\n}}", bound).rows
        return int(rows[0]["n"]) if rows else 0


    def facet_counts(self, store: Store, criteria: Criteria, facets: Facets) -> dict[str, dict[str, int]]:
        """Per facet, the matching subjects counted by concept (a facet marked so also counts, for a concept,
        the subjects of the concepts below it), grouped in the store in one query."""
        where, bound = self.where(criteria)
        rows = " ".join(f'({prop} "{name}" {"true" if up else "false"})' for name, (prop, up) in facets.items())
        props = ", ".join(prop for prop, _ in facets.values())
        # Measured on all bundled data: with an IRI filter, reading the facet triples in the filtering sub-select
        # keeps Oxigraph on the filters' indexes (1-10 ms, where the other form took 300 ms with text); with
        # free text alone, reading them outside it does (0.6 s, where the other form took 2.5 s). Neither
        # sub-select has a WHERE keyword outside it, so `bind_values` puts the text into the filtering group.
        anchored = any(name in self.filters for name in criteria)
        inner = f"?s ?p ?direct . FILTER (?p IN ({props}))" if anchored else ""
        outer = "" if anchored else "?s ?p ?direct ."
        query = f"""SELECT ?facet ?value (COUNT(DISTINCT ?s) AS ?n) {{
  {{ SELECT DISTINCT ?s {"?p ?direct" if anchored else ""} WHERE {{
      {where}
      {inner}
  }} }}
  VALUES (?p ?facet ?up) {{ {rows} }}
  {outer}
  ?direct skos:broader* ?value .
  FILTER (?up || ?value = ?direct)
}} GROUP BY ?facet ?value"""
        counts: dict[str, dict[str, int]] = {name: {} for name in facets}
        for row in store.select(query, bound).rows:
            counts[str(row["facet"])][str(row["value"])] = int(row["n"])
        return counts


SUBJECT_FACTS = """SELECT ?s ?p ?o ?olabel WHERE {
  ?s ?p ?o .
  OPTIONAL { ?o rdfs:label ?olabel }
}"""


def subject_facts(store: Store, iri: Node) -> Facts | None:
    """Every triple of one subject (None when it has none), with the labels of the IRIs it points to."""
    grouped = group_facts(store.select(SUBJECT_FACTS, {"s": iri}).rows)
    return grouped.get(str(iri))


def entity_facts(store: Store, kind: str, entity_id: str, make_iri: Callable[[str], URIRef], cls: URIRef) -> Facts:
    """The facts of one actor or service by its id; a malformed id or one of another type is NotFound."""
    if not SLUG.match(entity_id):
        raise NotFound(f"not {'an' if kind[0] in 'aeiou' else 'a'} {kind} id: {entity_id[:80]!r}")
    facts = subject_facts(store, make_iri(entity_id))
    if facts is None or cls not in facts.all(RDF.type):
        raise NotFound(f"no {kind} {entity_id!r}")
    return facts
