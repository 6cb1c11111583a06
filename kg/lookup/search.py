"""Finding regions, actors and services by name as people type them.

Case, accents, punctuation and word order do not matter; a word may be cut short (still typing) or carry one
typo ("manheim", "heidelburg"). A match is ranked by its tier – the whole name, another of its names, every
word exact, words begun, words with a typo – and, within a tier, by how much of the name the query covers.

Typos are found through a deletion index (every word with one letter removed, as SymSpell does): a query word
and a name word one edit apart share a key, so a look-up costs a few dictionary hits, not a scan of all names.
The actors' and services' names are read from the store with one query and kept until the catalogue is
refreshed (after an upload)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from kg.importers.placement import normalise
from kg.lookup.facts import ACTOR_PREFIX, SERVICE_PREFIX, short_id
from kg.lookup.records import SearchItem, SearchResult
from kg.store import Store

if TYPE_CHECKING:  # the catalogue holds a name index of this module: import it for type hints only
    from kg.lookup.catalogue import Catalogue

T = TypeVar("T")

# tiers, best first: the query is the main name, another name, or every query word is a name's word exactly,
# begins one, or is one edit from one
MAIN, ALIAS, WORDS, PREFIX, TYPO = 6, 5, 3, 2, 1
FUZZY_FROM = 4  # shorter words are too easily one edit from another word


def deletions(word: str) -> set[str]:
    """The word and every string one letter shorter: two words one edit apart share at least one."""
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


def one_edit_apart(a: str, b: str) -> bool:
    """At most one insertion, deletion, substitution or swap of neighbours (optimal string alignment)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) <= 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                   and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@dataclass(frozen=True)
class Hit(Generic[T]):
    item: T
    tier: int
    score: float
    name: str  # the name that matched, as written


@dataclass(frozen=True)
class _Entry:
    item: int
    name: str
    key: str
    words: tuple[str, ...]
    main: bool


class NameIndex(Generic[T]):
    """Items by their names; the first name of each item is its main one."""

    def __init__(self, named: Iterable[tuple[T, Sequence[str]]]):
        self.items: list[T] = []
        self._entries: list[_Entry] = []
        self._by_word: dict[str, list[int]] = {}
        for item, names in named:
            index = len(self.items)
            self.items.append(item)
            seen: set[str] = set()
            for position, name in enumerate(names):
                key = normalise(name)
                if not key or key in seen:
                    continue
                seen.add(key)
                entry = _Entry(index, name, key, tuple(key.split()), position == 0)
                for word in set(entry.words):
                    self._by_word.setdefault(word, []).append(len(self._entries))
                self._entries.append(entry)
        self._vocabulary = sorted(self._by_word)
        self._near: dict[str, set[str]] = {}
        for word in self._vocabulary:
            if len(word) >= FUZZY_FROM - 1 and word.isalpha():
                for key in deletions(word):
                    self._near.setdefault(key, set()).add(word)

    def _word_matches(self, word: str) -> dict[int, int]:
        """Entry -> how well the query word matches one of its words: 3 exact, 2 begun, 1 one typo."""
        found: dict[int, int] = {}

        def add(vocab_word: str, quality: int) -> None:
            for entry in self._by_word[vocab_word]:
                if found.get(entry, 0) < quality:
                    found[entry] = quality

        start = bisect.bisect_left(self._vocabulary, word)
        for vocab_word in self._vocabulary[start:]:
            if not vocab_word.startswith(word):
                break
            add(vocab_word, 3 if vocab_word == word else 2)
        if len(word) >= FUZZY_FROM and word.isalpha():
            near = {w for key in deletions(word) for w in self._near.get(key, ())}
            for vocab_word in near:
                if vocab_word != word and one_edit_apart(word, vocab_word):
                    add(vocab_word, 1)
        return found

    def find(self, text: str, limit: int | None = 20) -> list[Hit[T]]:
        """The items whose names match every word of the text, best first, one hit per item."""
        query = normalise(text)
        words = query.split()
        if not words:
            return []
        matches = [self._word_matches(w) for w in words]
        common = set(matches[0]).intersection(*matches[1:])
        best: dict[int, Hit[T]] = {}
        for e in common:
            entry = self._entries[e]
            qualities = [m[e] for m in matches]
            if entry.key == query:
                tier = MAIN if entry.main else ALIAS
            else:
                tier = {3: WORDS, 2: PREFIX, 1: TYPO}[min(qualities)]
            score = sum(qualities) / len(qualities) + min(1.0, len(words) / len(entry.words))
            hit = Hit(self.items[entry.item], tier, score, entry.name)
            known = best.get(entry.item)
            if known is None or (hit.tier, hit.score) > (known.tier, known.score):
                best[entry.item] = hit
        ranked = sorted(best.values(), key=lambda h: (-h.tier, -h.score, len(h.name), h.name))
        return ranked if limit is None else ranked[:limit]


@dataclass(frozen=True)
class Named:
    """An actor or service as the search lists it: what it is, its name, and what places it."""

    kind: str  # actor | service
    iri: str
    name: str
    seat: str | None = None  # an actor's seat (region IRI)
    actor_type: str | None = None  # an actor's type (concept IRI)
    provider: str | None = None  # a service's provider's name


NAMES = """SELECT ?s ?kind ?name ?seat ?type ?provider WHERE {
  { ?s a rc:Actor . BIND ("actor" AS ?kind) OPTIONAL { ?s rc:locatedIn ?seat } OPTIONAL { ?s rc:actorType ?type } }
  UNION
  { ?s a rc:Service . BIND ("service" AS ?kind) OPTIONAL { ?s rc:provider/rdfs:label ?provider } }
  ?s rdfs:label ?name .
}"""


def read_names(store: Store) -> NameIndex[Named]:
    """Every actor and service with its names, from one query."""
    found: dict[str, tuple[Named, list[str]]] = {}
    for row in sorted(store.select(NAMES).rows, key=lambda r: tuple(str(v) for v in r.values())):
        iri = str(row["s"])
        if iri not in found:
            found[iri] = (Named(
                kind=str(row["kind"]), iri=iri, name=str(row["name"]),
                seat=str(row["seat"]) if row.get("seat") is not None else None,
                actor_type=str(row["type"]) if row.get("type") is not None else None,
                provider=str(row["provider"]) if row.get("provider") is not None else None,
            ), [])
        names = found[iri][1]
        if str(row["name"]) not in names:
            names.append(str(row["name"]))
    return NameIndex(found.values())


KIND_ORDER = {"region": 0, "actor": 1, "service": 2}


def site_search(catalogue: Catalogue, text: str, root: str = "", kinds: Iterable[str] = KIND_ORDER,
                limit: int = 20) -> SearchResult:
    """Regions, actors and services whose names match the text, best first; region links open the dashboard."""
    wanted = set(kinds)
    hits: list[tuple[Hit, SearchItem]] = []
    if "region" in wanted:
        for hit in catalogue.regions.find(text, limit):
            region = hit.item
            hits.append((hit, SearchItem(kind="region", id=region.code, name=region.name, code=region.code,
                                         detail=catalogue.regions.describe(region, hit.name),
                                         url=f"{root}/regions/{region.code}/dashboard")))
    for hit in catalogue.names.find(text, None):
        named: Named = hit.item
        if named.kind not in wanted:
            continue
        if named.kind == "actor":
            ident = short_id(named.iri, ACTOR_PREFIX)
            parts = [catalogue.concepts.label(named.actor_type), catalogue.regions.name_of(named.seat)]
            url = f"{root}/actors/{ident}"
        else:
            ident = short_id(named.iri, SERVICE_PREFIX)
            parts = [f"service of {named.provider}" if named.provider else "service"]
            url = f"{root}/services/{ident}"
        detail = " · ".join(p for p in parts if p) or named.kind
        hits.append((hit, SearchItem(kind=named.kind, id=ident, name=named.name, detail=detail, url=url)))
        if len(hits) >= 3 * limit:
            break
    hits.sort(key=lambda pair: (-pair[0].tier, -pair[0].score, KIND_ORDER[pair[1].kind], pair[1].name.lower()))
    return SearchResult(query=text, items=[item for _, item in hits[:limit]])
