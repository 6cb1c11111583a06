"""Choosing a response format from the Accept header (RFC 9110 §12.5.1), with `?format=` for plain links."""

from __future__ import annotations

HTML = "text/html"
JSON = "application/json"
JSON_LD = "application/ld+json"  # JSON-LD 1.1
TURTLE = "text/turtle"  # RDF 1.1 Turtle
N_TRIPLES = "application/n-triples"  # RDF 1.1 N-Triples

ENTITY_FORMATS = [JSON, JSON_LD, TURTLE, N_TRIPLES, HTML]

FORMAT_NAMES: dict[str, str] = {
    "json": JSON, "jsonld": JSON_LD, "json-ld": JSON_LD, "ttl": TURTLE, "turtle": TURTLE, "nt": N_TRIPLES,
    "ntriples": N_TRIPLES, "html": HTML,
    "srj": "application/sparql-results+json", "srx": "application/sparql-results+xml", "xml":
    "application/sparql-results+xml", "csv": "text/csv", "tsv": "text/tab-separated-values",
}


def _ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    """q of the most specific range matching the offer (exact beats type/* beats */*)."""
    kind = offer.split("/")[0]
    best: tuple[int, float] | None = None
    for media, q in ranges:
        specificity = 3 if media == offer else 2 if media == f"{kind}/*" else 1 if media == "*/*" else 0
        if specificity and (best is None or specificity > best[0]):
            best = (specificity, q)
    return best[1] if best else 0.0


def negotiate(accept: str | None, offers: list[str], override: str | None = None) -> str | None:
    """The offer the client prefers; ties go to the earlier offer (the server's default first).

    None when the client accepts none of them (the caller answers 406)."""
    if override:
        chosen = FORMAT_NAMES.get(override.lower(), override.lower())
        return chosen if chosen in offers else None
    if not accept or not accept.strip():
        return offers[0]
    ranges = _ranges(accept)
    scored = [(_quality(offer, ranges), -index, offer) for index, offer in enumerate(offers)]
    q, _, offer = max(scored)
    return offer if q > 0 else None
