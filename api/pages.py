"""Rendering the HTML pages: Jinja2 templates in api/templates (one base layout, one template per page) and
the site's CSS and JS in api/static. Autoescaping is on: every value from the data is escaped, and only
http(s) addresses become external links."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from kg.analysis.coverage import UNSPECIFIED
from kg.analysis.heatmap import STATES
from kg.lookup.catalogue import Catalogue
from kg.namespaces import BASE, CONCEPT

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"

# the JSON routes of a region's analyses, linked from its pages
ANALYSES = ("coverage", "gaps", "single-points", "overlaps", "brokers", "responsibility", "completeness")

ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))


class InlineAssets:
    """The site's static files read into a page, for a document that must open with no server (the report)."""

    def css(self, name: str) -> Markup:
        return Markup((STATIC / "css" / name).read_text(encoding="utf-8").replace("</", "<\\/"))

    def js(self, name: str) -> Markup:
        return Markup((STATIC / "js" / name).read_text(encoding="utf-8").replace("</", "<\\/"))


RELATION_LABELS = {
    ("member-of", "out"): "member of", ("member-of", "in"): "has member",
    ("collaborates-with", "out"): "collaborates with", ("collaborates-with", "in"): "collaborates with",
    ("partner-abroad", "out"): "partner abroad", ("partner-abroad", "in"): "partner abroad",
    ("funds", "out"): "funds", ("funds", "in"): "funded by",
    ("signposts-to", "out"): "signposts to", ("signposts-to", "in"): "receives referrals from",
    ("coordinates", "out"): "coordinates", ("coordinates", "in"): "coordinated by",
    ("part-of", "out"): "part of", ("part-of", "in"): "has part",
}


class Links:
    """Where an IRI is shown in this server: its page for the project's entities, itself for the web."""

    def __init__(self, root: str, catalogue: Catalogue):
        self.root = root
        self.catalogue = catalogue

    def __call__(self, iri: str) -> str | None:
        region = self.catalogue.regions.by_iri.get(iri)
        if region is not None:
            return f"{self.root}/regions/{quote(region.code, safe='')}"
        if iri.startswith(BASE + "id/actor/"):
            return f"{self.root}/actors/{quote(iri.removeprefix(BASE + 'id/actor/'))}"
        if iri.startswith(BASE + "id/service/"):
            return f"{self.root}/services/{quote(iri.removeprefix(BASE + 'id/service/'))}"
        if iri.startswith(CONCEPT) or iri.startswith(BASE):
            return f"{self.root}/{quote(iri.removeprefix(BASE))}"
        if iri.startswith(("http://", "https://")):
            return iri
        return None


def analysis_context(catalogue: Catalogue) -> dict[str, object]:
    """What the analysis pages print besides their result: the heat map's states, the concepts' labels by
    scheme and code, the analyses' JSON routes."""
    concepts = catalogue.concepts
    labels = {name: {c.code: c.label for c in concepts.in_scheme(name)} for name in concepts.schemes}
    return {"heat_states": STATES, "phase_names": {**labels["phase"], UNSPECIFIED: "phase not stated"},
            "concept_labels": labels, "analyses": ANALYSES}


def page_html(template: str, title: str, catalogue: Catalogue, root: str = "", iri: str | None = None,
              formats: list[tuple[str, str]] | None = None, **context: object) -> str:
    """One page as text: the server's pages and the offline report are rendered the same way."""
    return ENV.get_template(template).render(
        root=root, title=title, iri=iri, formats=formats or [], link=Links(root, catalogue),
        relation_label=lambda r: RELATION_LABELS.get((r.relation, r.direction), r.relation), **context,
    )


def render(request: Request, catalogue: Catalogue, template: str, title: str, iri: str | None = None,
           formats: list[tuple[str, str]] | None = None, **context: object) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    return HTMLResponse(page_html(template, title, catalogue, root, iri, formats, **context))


def format_links(request: Request) -> list[tuple[str, str]]:
    """Links to the other representations of the current page."""
    base = request.url.path
    return [("JSON", f"{base}?format=json"), ("JSON-LD", f"{base}?format=jsonld"), ("Turtle", f"{base}?format=ttl"),
            ("N-Triples", f"{base}?format=nt")]
