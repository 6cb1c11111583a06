"""The actor network as one inline SVG, for a report that must print and open with no script and no server:
a seeded spring layout of the connected actors (so the picture is the same on every run), the isolated
actors in a row beneath, colour by sphere and size by betweenness, as on the network page."""

from __future__ import annotations

import math

import networkx as nx
from markupsafe import Markup, escape

from kg.analysis.actors import SYMMETRIC
from kg.analysis.network import NetworkReport

# the colours of the spheres, as the network page draws them (api/static/js/network.js)
SPHERE_COLOURS = {"public": "#3b7dd8", "private": "#e07b39", "non-profit": "#3a9e6a", "public-private": "#8e5cc2"}
OTHER_COLOUR = "#8a949e"
MAX_LABELS = 30  # above this only the brokers are named, or the names would cover the picture


def _layout(report: NetworkReport, width: int, height: int) -> dict[str, tuple[float, float]]:
    graph = nx.Graph()
    graph.add_nodes_from(report.actors)
    graph.add_edges_from((link.source, link.target) for link in report.links)
    linked = [a for a in report.actors if graph.degree(a)]
    isolated = sorted((a for a in report.actors if not graph.degree(a)), key=lambda a: report.actors[a].name)
    rows = math.ceil(len(isolated) / 6) if isolated else 0
    band = min(height * 0.4, 40.0 * rows)
    top, bottom = 40.0, height - band - 30.0
    places: dict[str, tuple[float, float]] = {}
    if linked:
        spring = nx.spring_layout(graph.subgraph(linked), seed=7)
        xs = [p[0] for p in spring.values()]
        ys = [p[1] for p in spring.values()]
        span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        for actor, (x, y) in spring.items():
            places[actor] = (150 + (x - min(xs)) / span_x * (width - 300),
                             top + (y - min(ys)) / span_y * max(bottom - top, 1.0))
    for i, actor in enumerate(isolated):
        column, row = i % 6, i // 6
        places[actor] = (80 + column * (width - 160) / 5, height - band + row * 40.0)
    return places


def network_svg(report: NetworkReport, width: int = 900, height: int = 560) -> Markup:
    """The report's picture of the network; every name is escaped."""
    places = _layout(report, width, height)
    betweenness = {b.actor: b.betweenness for b in report.brokers}
    top = report.max_betweenness or 1.0
    named = set(report.actors) if len(report.actors) <= MAX_LABELS else {b.actor for b in report.brokers[:10]}
    pairs = {frozenset((link.source, link.target)): link for link in report.links}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network-picture" viewBox="0 0 {width} {height + 40}" '
             f'width="{width}" height="{height + 40}" role="img" aria-label="Actor network">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#9aa5b1"/></marker></defs>']
    for link in pairs.values():
        (x1, y1), (x2, y2) = places[link.source], places[link.target]
        arrow = "" if link.relation in SYMMETRIC else ' marker-end="url(#arrow)"'
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#9aa5b1" '
                     f'stroke-width="1.5"{arrow}><title>{escape(link.relation)}</title></line>')
    for actor, info in report.actors.items():
        x, y = places[actor]
        radius = 6 + 14 * betweenness.get(actor, 0.0) / top
        colour = SPHERE_COLOURS.get(info.sphere or "", OTHER_COLOUR)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" stroke="#fff">'
                     f'<title>{escape(info.name)}</title></circle>')
        if actor in named:
            parts.append(f'<text x="{x:.1f}" y="{y - radius - 3:.1f}" text-anchor="middle" font-size="11" '
                         f'fill="#1d232a">{escape(info.name[:40])}</text>')
    isolated = len(report.isolates)
    legend = " · ".join(f'<tspan fill="{colour}">●</tspan> {escape(sphere)}'
                        for sphere, colour in SPHERE_COLOURS.items())
    parts.append(f'<text x="10" y="{height + 16}" font-size="12" fill="#1d232a">{len(report.actors)} actors, '
                 f'{len(pairs)} recorded relations, {isolated} isolated · size: betweenness</text>')
    parts.append(f'<text x="10" y="{height + 34}" font-size="12" fill="#5f6b76">{legend}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
