"""The actor network as one inline SVG, for a report that must print and open with no script and no server:
a seeded spring layout of the linked actors (the same picture on every run), the isolated actors in a tidy grid
beneath (so that they do not scatter over the picture), colour by sphere and size by betweenness as on the network
page, an arrow wherever a relation has a direction, a legend and a caption. Every name is escaped."""

from __future__ import annotations

import math
import textwrap
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
from markupsafe import Markup, escape

from kg.analysis.actors import SYMMETRIC, Link
from kg.analysis.network import NetworkReport

# the colours of the spheres, as the network page draws them (api/static/js/network.js, templates/network.html)
SPHERE_COLOURS = {"public": "#3b7dd8", "private": "#e07b39", "non-profit": "#3a9e6a", "public-private": "#8e5cc2"}
OTHER_COLOUR = "#8a949e"
MAX_LABELS = 30  # with more actors only the linked ones (or, if they too are many, the top brokers) are named
TOP_BROKERS = 10
MAX_EDGE_LABELS = 25  # linked pairs whose relations are written on the line; more would be unreadable
LINE_CHARS, LINES = 26, 3  # a name is wrapped onto short lines, so that neighbouring labels keep apart
CHAR_WIDTH, EDGE_CHAR_WIDTH = 6.0, 5.0  # about, at 11 px and 9 px sans-serif: how many characters fit a width
SEED = 7
UNIT = 300.0  # the most pixels per unit of the spring layout, so that three actors do not span the whole page
MARGIN, SIDE, FOOTER = 24.0, 110.0, 80.0  # around the picture; beside the layout for names; caption and legend
INK, MUTED, EDGE = "#1d232a", "#5f6b76", "#9aa5b1"
KEY = ("Colour: sphere. Size: betweenness; brokers in bold. An arrow points along a relation with a direction "
       "(coordinates, funds, member-of, part-of, signposts-to); a plain line is collaboration.")
HALO = 'stroke="#fff" stroke-width="3" paint-order="stroke"'  # keeps text legible where it crosses a line


@dataclass(frozen=True)
class Grid:
    """Where the isolated actors go: wide cells when their names are written beside them, dense dots when not;
    rows close up when there are more than `limit` pixels would hold."""

    count: int
    named: bool
    width: float
    limit: float

    @property
    def columns(self) -> int:
        return max(1, int((self.width - 2 * MARGIN) // (220.0 if self.named else 18.0)))

    @property
    def cell(self) -> tuple[float, float]:
        rows = math.ceil(self.count / self.columns) or 1
        step = min(24.0 if self.named else 18.0, (self.limit - 36) / rows)
        return ((self.width - 2 * MARGIN) / self.columns if self.named else 18.0), step

    @property
    def chars(self) -> int:
        """How much of a name fits beside its dot."""
        return int((self.cell[0] - 20) / CHAR_WIDTH)

    @property
    def height(self) -> float:
        """The band's height: its heading and its rows; nothing when no actor is isolated."""
        return 36 + math.ceil(self.count / self.columns) * self.cell[1] if self.count else 0.0

    def place(self, index: int, top: float) -> tuple[float, float]:
        return MARGIN + 8 + (index % self.columns) * self.cell[0], top + 30 + (index // self.columns) * self.cell[1]


def _named(report: NetworkReport, linked: list[str]) -> set[str]:
    if len(report.actors) < MAX_LABELS:
        return set(report.actors)
    if len(linked) < MAX_LABELS:
        return set(linked)
    return {b.actor for b in report.brokers[:TOP_BROKERS]}


def _pairs(links: Iterable[Link]) -> dict[tuple[str, str], list[Link]]:
    """The links between each two actors, keyed by their ends in sorted order: one line per linked pair."""
    pairs: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for link in links:
        a, b = sorted((link.source, link.target))
        pairs[(a, b)].append(link)
    return dict(sorted(pairs.items()))


def _spring(report: NetworkReport, linked: list[str], box: tuple[float, float, float, float]) -> dict:
    """The linked actors spread over the box (left, top, right, bottom), scaled alike in both directions."""
    graph = nx.Graph()
    graph.add_nodes_from(linked)
    graph.add_edges_from((link.source, link.target) for link in report.links)
    spring = nx.spring_layout(graph, seed=SEED)
    xs, ys = [p[0] for p in spring.values()], [p[1] for p in spring.values()]
    left, top, right, bottom = box
    scale = min((right - left) / ((max(xs) - min(xs)) or 1.0), (bottom - top) / ((max(ys) - min(ys)) or 1.0), UNIT)
    cx, cy = (left + right) / 2, (top + bottom) / 2
    mx, my = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {a: (cx + (x - mx) * scale, cy + (y - my) * scale) for a, (x, y) in spring.items()}


def _rim(a: tuple[float, float], b: tuple[float, float], ra: float, rb: float) -> tuple[float, float, float, float]:
    """The segment between two circles' rims, so that an arrowhead touches its circle instead of hiding in it."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    return a[0] + ux * ra, a[1] + uy * ra, b[0] - ux * rb, b[1] - uy * rb


def _label(text: str, x: float, y: float, anchor: str, bold: bool, chars: int, most: int) -> str:
    lines = textwrap.wrap(text, chars, max_lines=most, placeholder=" …") or [text]
    spans = "".join(f'<tspan x="{x:.1f}" dy="{12 * bool(i)}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    weight = ' font-weight="bold"' if bold else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{weight} {HALO}>{spans}</text>'


def _relation_label(links: list[Link], x1: float, y1: float, x2: float, y2: float) -> str:
    """The relations of a pair written along its line, or their number where the line is too short for names."""
    text = ", ".join(sorted({k.relation for k in links}))
    if len(text) * EDGE_CHAR_WIDTH > math.hypot(x2 - x1, y2 - y1) - 8:
        text = f"{len(links)} relations" if len(links) > 1 else ""
    angle = math.degrees(math.atan2(y2 - y1, x2 - x1))
    angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    return (f'<text x="{mx:.1f}" y="{my - 4:.1f}" transform="rotate({angle:.1f} {mx:.1f} {my:.1f})" '
            f'text-anchor="middle" font-size="9" fill="{MUTED}" {HALO}>{escape(text)}</text>') if text else ""


def _links(pairs: dict[tuple[str, str], list[Link]], places: dict, radius: dict[str, float],
           names: dict[str, str]) -> str:
    """One line per linked pair, an arrowhead at each end a directed relation points to."""
    parts = ['<g class="links">']
    for (a, b), links in pairs.items():
        forward = any(k.source == a and k.relation not in SYMMETRIC for k in links)
        backward = any(k.source == b and k.relation not in SYMMETRIC for k in links)
        x1, y1, x2, y2 = _rim(places[a], places[b], radius[a] + 2 * backward, radius[b] + 2 * forward)
        ends = ' marker-end="url(#arrow)"' * forward + ' marker-start="url(#arrow)"' * backward
        title = "; ".join(f"{names[k.source]} {k.relation} {names[k.target]}" for k in links)
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{EDGE}" '
                     f'stroke-width="1.5"{ends}><title>{escape(title)}</title></line>')
        if len(pairs) <= MAX_EDGE_LABELS:
            parts.append(_relation_label(links, x1, y1, x2, y2))
    return "".join(parts) + "</g>"


def _actors(report: NetworkReport, places: dict, radius: dict[str, float], named: set[str], grid: Grid,
            band_top: float, width: int) -> str:
    """A circle per actor; the named ones labelled beneath (linked) or beside (isolated, in the grid)."""
    parts = ['<g class="actors">']
    if grid.count:
        parts.append(f'<line x1="{MARGIN}" y1="{band_top:.1f}" x2="{width - MARGIN}" y2="{band_top:.1f}" '
                     f'stroke="#d5dbe1"/><text x="{MARGIN}" y="{band_top + 15:.1f}" fill="{MUTED}">No recorded '
                     f'relation with another actor of {escape(report.scope.label)} ({grid.count}):</text>')
    brokers = {b.actor for b in report.brokers}
    for actor, info in report.actors.items():
        (x, y), r = places[actor], radius[actor]
        colour = SPHERE_COLOURS.get(info.sphere or "", OTHER_COLOUR)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" stroke="#fff" '
                     f'stroke-width="1.5"><title>{escape(info.name)}</title></circle>')
        if actor in named and actor in report.isolates:
            parts.append(_label(info.name, x + r + 4, y + 4, "start", False, grid.chars, 1))
        elif actor in named:
            parts.append(_label(info.name, x, y + r + 12, "middle", actor in brokers, LINE_CHARS, LINES))
    return "".join(parts) + "</g>"


def _legend(report: NetworkReport, named: int, y: float, width: int) -> str:
    """The caption, the spheres drawn, and how to read size, boldness and arrows."""
    n, m, k = len(report.actors), len(report.links), len(report.isolates)
    caption = f"{n} actor{'s' * (n != 1)}, {m} recorded relation{'s' * (m != 1)}, {k} isolated"
    caption += f"; {named} of them named" if named < n else ""
    parts = [f'<g class="legend"><text x="{MARGIN}" y="{y:.1f}" font-size="12">{escape(caption)}</text>']
    present = {info.sphere if info.sphere in SPHERE_COLOURS else "unknown" for info in report.actors.values()}
    x = MARGIN
    for sphere in (s for s in (*SPHERE_COLOURS, "unknown") if s in present):
        colour = SPHERE_COLOURS.get(sphere, OTHER_COLOUR)
        parts.append(f'<circle cx="{x + 5:.1f}" cy="{y + 14:.1f}" r="5" fill="{colour}"/>'
                     f'<text x="{x + 14:.1f}" y="{y + 18:.1f}">{escape(sphere)}</text>')
        x += 26 + CHAR_WIDTH * len(sphere)
    parts.append(_label(KEY, MARGIN, y + 36, "start", False, int((width - 2 * MARGIN) / CHAR_WIDTH), 2)
                 .replace("<text ", f'<text fill="{MUTED}" ', 1))
    return "".join(parts) + "</g>"


def network_svg(report: NetworkReport, width: int = 900, height: int = 560) -> Markup:
    """The region's actor network (a `brokers` result) as one SVG element for an HTML page or a printout."""
    # isolated actors by sphere, then name: the grid reads as blocks of one colour
    isolated = sorted(report.isolates, key=lambda a: (report.actors[a].sphere or "~", report.actors[a].name.lower()))
    linked = sorted(a for a in report.actors if a not in set(isolated))
    named = _named(report, linked)
    room = height - FOOTER - MARGIN
    grid = Grid(len(isolated), set(isolated) <= named, width, room * 0.45 if linked else room)
    if not linked:  # nothing to lay out: the picture is only as high as its grid, so a printout wastes no page
        height = min(height, int(MARGIN + grid.height + FOOTER + 8))
    band_top = height - FOOTER - grid.height
    places = {a: grid.place(i, band_top) for i, a in enumerate(isolated)}
    if linked:
        places |= _spring(report, linked, (SIDE, MARGIN + 10, width - SIDE, band_top - 56))
    betweenness = {b.actor: b.betweenness for b in report.brokers}
    radius = {a: 6 + 14 * betweenness.get(a, 0.0) / (report.max_betweenness or 1.0) for a in report.actors}
    names = {a: info.name for a, info in report.actors.items()}
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network-picture" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="sans-serif" font-size="11" fill="{INK}" '
        f'aria-label="Actor network of {escape(report.scope.label)}"><defs><marker id="arrow" viewBox="0 0 10 10" '
        f'refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{EDGE}"/></marker></defs>'
        + _links(_pairs(report.links), places, radius, names)
        + _actors(report, places, radius, named, grid, band_top, width)
        + _legend(report, len(named), height - FOOTER + 14, width) + "</svg>"
    )
