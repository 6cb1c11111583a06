"""The region's actor network as a page for cluster managers and policy makers, drawn with pyvis from the same
analysis as the JSON route.

The network page works offline: pyvis renders our own template, which inlines vis-network from the pyvis
package and links nothing (pyvis's own template links Bootstrap from a CDN)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, DictLoader, Environment, PackageLoader
from markupsafe import Markup
from pyvis.network import Network

from api.deps import CatalogueDep, SettingsDep, StoreDep
from api.pages import render
from api.routers.analyses import Code
from kg.analysis.actors import SYMMETRIC, Link
from kg.analysis.network import NetworkReport, brokers
from kg.params import resolve_region

router = APIRouter(prefix="/regions/{code}", tags=["pages"])

SPHERE_COLOURS = {"public": "#3b7dd8", "private": "#e07b39", "non-profit": "#3a9e6a", "public-private": "#8e5cc2"}
OTHER_COLOUR = "#8a949e"
Served = Annotated[bool, Query(description="Include actors whose services are offered in the region")]

# rendered by pyvis in place of its template.html; the vis-network files are included from the pyvis package
GRAPH_TEMPLATE = """<style>{% include 'lib/vis-9.1.2/vis-network.css' %}
#kg-network{width:{{ width }};height:{{ height }};border:1px solid #d5dbe1;background:#fff}</style>
<div id="kg-network"></div>
<script>{% include 'lib/vis-9.1.2/vis-network.min.js' %}</script>
<script>new vis.Network(document.getElementById("kg-network"),
{nodes: new vis.DataSet({{ nodes|tojson }}), edges: new vis.DataSet({{ edges|tojson }})}, {{ options|safe }});
</script>"""
GRAPH_OPTIONS = {
    "physics": {"barnesHut": {"gravitationalConstant": -6000, "springLength": 150},
                "stabilization": {"iterations": 400}},
    "nodes": {"shape": "dot", "font": {"size": 14}},
    "edges": {"color": {"color": "#9aa5b1"}, "font": {"size": 10, "align": "middle"}, "smooth": False},
    "interaction": {"hover": True},
}


def _tooltip(report: NetworkReport, actor: str, reasons: dict[str, str]) -> str:
    info = report.actors[actor]
    lines = [info.name, f"type: {', '.join(info.types) or 'unknown'}", f"sphere: {info.sphere or 'unknown'}"]
    return "\n".join([*lines, reasons[actor]] if actor in reasons else lines)


def _pairs(report: NetworkReport) -> dict[tuple[str, str], list[Link]]:
    """The links between each two actors, to draw as one edge: vis-network would stack their labels."""
    pairs: dict[frozenset[str], tuple[tuple[str, str], list[Link]]] = {}
    for link in report.links:
        pairs.setdefault(frozenset((link.source, link.target)), ((link.source, link.target), []))[1].append(link)
    return dict(pairs.values())


def network_html(report: NetworkReport) -> Markup:
    """The network as a div and inline scripts; pyvis escapes the data as JSON (no '<' survives `tojson`)."""
    net = Network(height="640px", width="100%", directed=True, cdn_resources="in_line")
    net.templateEnv = Environment(autoescape=True, loader=ChoiceLoader(
        [DictLoader({"kg-network.html": GRAPH_TEMPLATE}), PackageLoader("pyvis", "templates")]))
    net.path = "kg-network.html"
    reasons = {b.actor: b.reason for b in report.brokers}
    top = report.max_betweenness or 1.0
    betweenness = {b.actor: b.betweenness for b in report.brokers}
    for ident, info in report.actors.items():
        net.add_node(ident, label=info.name, title=_tooltip(report, ident, reasons),
                     color=SPHERE_COLOURS.get(info.sphere or "", OTHER_COLOUR),
                     size=10 + 30 * betweenness.get(ident, 0.0) / top)
    for (source, target), links in _pairs(report).items():
        ends = {"to" if link.source == source else "from" for link in links if link.relation not in SYMMETRIC}
        net.add_edge(source, target, label=", ".join(link.relation for link in links), arrows=",".join(sorted(ends)))
    net.options = GRAPH_OPTIONS
    return Markup(net.generate_html())


@router.get("/network", response_class=HTMLResponse, summary="The region's actor network as an HTML page")
def network_page(code: Code, request: Request, store: StoreDep, settings: SettingsDep, catalogue: CatalogueDep,
                 served: Served = False) -> HTMLResponse:
    resolve_region(code, store)
    report = brokers(store, settings, code, served)
    return render(request, catalogue, "network.html", f"Actor network of {report.scope.label}", report=report,
                  graph=network_html(report) if report.actors else None, colours=SPHERE_COLOURS)
