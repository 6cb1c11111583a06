"""Named SPARQL queries: `.rq` files in this folder, loaded by name; their header comments document them.

Header format (comment lines at the top of the file):
    # title: one line
    # answers: what question it answers
    # param: name kind description     (kind: region, determinant, phase, target-group, instrument,
    #                                    role, actor-type, service-category, sector, actor, integer, text)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

from kg.errors import NotFound


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    answers: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)


def _parse(name: str, text: str) -> NamedQuery:
    title, answers, params = name, "", []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.startswith("title:"):
            title = body.removeprefix("title:").strip()
        elif body.startswith("answers:"):
            answers = body.removeprefix("answers:").strip()
        elif body.startswith("param:"):
            pname, kind, *desc = body.removeprefix("param:").split(maxsplit=2)
            params.append(Param(pname, kind, desc[0] if desc else ""))
    return NamedQuery(name, title, answers, text, tuple(params))


def all_queries() -> dict[str, NamedQuery]:
    folder = resources.files(__package__)
    found = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".rq"):
            name = entry.name.removesuffix(".rq")
            found[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(found.items()))


def get_query(name: str) -> NamedQuery:
    queries = all_queries()
    if name not in queries:
        raise NotFound(f"no named query {name!r}", valid=list(queries))
    return queries[name]


@dataclass(frozen=True)
class Example:
    """How the SPARQL workbench offers a named query: under which user question, with which demo values,
    where the question and its data come from, and which columns its chart plots (label, value)."""

    question: str
    demo: Mapping[str, str]
    source: str
    chart: tuple[str, str] | None = None


WHO = "Who offers what, where?"
FRAGILE = "Where is support missing or fragile?"
TIES = "How do the actors work together?"
FRAMEWORK = "What does the framework expect, and how do regions measure up?"
SEED = "seed 001 (European Cluster Observatory, Clusters and Entrepreneurship in Emerging Industries)"

# the gallery, in the order of the user questions; demo regions: Mannheim (DE126), Massachusetts (US-MA)
GALLERY: dict[str, Example] = {
    "cq01-providers-of-determinant": Example(
        WHO, {"region": "US-MA", "determinant": "access-to-finance"},
        f"Competency question 1; the services of the region's data sets (Massachusetts: Table 2 of {SEED})."),
    "cq06-services-for-target-groups": Example(
        WHO, {"region": "US-MA"}, f"Competency question 6; target groups as each service's source states them ({SEED}, "
        "§3.4 for social entrepreneurship)."),
    "cq07-funding": Example(
        WHO, {}, f"Competency question 7; funding relations of relations.csv and services' funders, each with the "
        f"source the query returns (Mannheim: {SEED}, §4.1)."),
    "cq02-gaps-for-phase": Example(
        FRAGILE, {"region": "DE126", "phase": "start-up"},
        "Competency question 2; the 29 sub-determinants of Table 1 (OECD-Eurostat EIP) against the region's services."),
    "cq03-single-provider-cells": Example(
        FRAGILE, {"region": "DE126"}, "Competency question 3; the region's services, counted per (determinant, phase).",
        ("determinant", "providers")),
    "cq04-uncoordinated-overlaps": Example(
        FRAGILE, {"region": "US-MA"}, f"Competency question 4; services and the relations of relations.csv ({SEED}, "
        "§2.2: cluster organisations should offer what is missing and signpost the rest).",
        ("determinant", "providers")),
    "cq12-lacks-vs-model": Example(
        FRAGILE, {"region": "DK05", "model": "DE126"},
        f"Competency question 12; the Mannheim model of {SEED}, §4.1 (Figure 11), against the region's services."),
    "cq13-regions-without-hub-service": Example(
        FRAGILE, {"determinant": "access-to-finance"}, "The European Commission's catalogue of European Digital "
        "Innovation Hubs (data/edih), placed in NUTS 2024 regions.", ("country", "")),
    "cq05-signpost-to-incubators": Example(
        TIES, {"region": "DE126"}, f"Competency question 5; signposting relations and services ({SEED}, §2.2). The "
        "bundled data record no referral to an incubator, so it returns no rows on them."),
    "cq08-sphere-spanners": Example(
        TIES, {"region": "DE126"}, "Competency question 8 (the clusterpreneur of seed 000); the relations of "
        "relations.csv and each actor's sphere.", ("actorName", "publicPartners")),
    "cq11-partners-abroad": Example(
        TIES, {"region": "DE126"}, f"Competency question 11; partner relations of relations.csv (Mannheim with Boston, "
        f"Haifa and Suzhou: {SEED}, §4.1)."),
    "cq09-table1-responsibilities": Example(
        FRAMEWORK, {}, f"Competency question 9; Table 1 of {SEED} as data (ontology/taxonomies/table1.ttl). A row "
        "marked inferred is not a line of the table but read from the paragraph after it."),
    "cq10-cluster-organisation-service-shares": Example(
        FRAMEWORK, {}, f"Competency question 10; the survey columns are the observations of Figure 8 of {SEED}, §3.2 "
        "(data/survey-cluster-organisations), the graph columns count the graph's own cluster organisations.",
        ("label", "graphPercent")),
    "cq14-indicators-of-region": Example(
        FRAMEWORK, {"region": "DK05"}, "Eurostat's regional innovation indicators (data/indicators), each row with its "
        "Eurostat data set and NUTS version.", ("label", "value")),
}
