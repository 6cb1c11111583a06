"""Plain, readable HTML views of the entities for people with a browser: actor, service, region, and any
other resource of the graph. Jinja2 with autoescaping: every value from the data is escaped, and only
http(s) addresses become external links."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import DictLoader, Environment, select_autoescape

from kg.lookup.catalogue import Catalogue
from kg.namespaces import BASE, CONCEPT

TEMPLATES: dict[str, str] = {
    "base.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · Regional collaboration systems</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232a;background:#fafbfc}
header{background:#1f3b57;color:#fff;padding:.6rem 1.5rem}
header a{color:#fff;margin-right:1.1rem;text-decoration:none}header a.brand{font-weight:600}
main{max-width:64rem;margin:1.5rem auto;padding:0 1.5rem}
h1{margin:.2rem 0 .3rem;font-size:1.8rem}h2{margin-top:2rem;font-size:1.25rem;border-bottom:1px solid #d5dbe1}
.sub{color:#54606c;margin:0 0 1rem}a{color:#1a5fa8}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;vertical-align:top;padding:.35rem .6rem;border-bottom:1px solid #e3e7eb}
th{width:14rem;color:#3b4650;font-weight:600}thead th{width:auto;background:#eef2f5}
.tag{display:inline-block;background:#e8eef5;border-radius:.25rem;padding:0 .4rem;margin:0 .2rem .2rem 0}
.tag{font-size:.9rem}.muted{color:#6b7782;font-size:.9rem}code{font-size:.85rem;word-break:break-all}
footer{margin:3rem 0 2rem;color:#6b7782}
</style></head><body>
<header><a class="brand" href="{{ root }}/">Regional collaboration systems</a>
<a href="{{ root }}/regions?format=html&amp;level=0">Regions</a>
<a href="{{ root }}/docs">API</a><a href="{{ root }}/sparql/editor">SPARQL</a></header>
<main>{% block body %}{% endblock %}
{% if formats %}<footer>This page as {% for name, url in formats %}<a href="{{ url }}">{{ name }}</a>
{{- " · " if not loop.last }}{% endfor %}
{% if iri %}<br>Identifier: <code>{{ iri }}</code>{% endif %}</footer>{% endif %}
</main></body></html>""",
    "macros.html": """
{% macro concepts(items) %}{% for c in items -%}
<a class="tag" href="{{ link(c.iri) }}" title="{{ c.code }}">{{ c.label }}</a>
{%- endfor %}{% endmacro %}
{% macro regions(items) %}{% for r in items -%}
<a class="tag" href="{{ link(r.iri) }}">{{ r.name }} ({{ r.code }})</a>
{%- endfor %}{% endmacro %}
{% macro actors(items) %}{% for a in items -%}
<a href="{{ link(a.iri) }}">{{ a.name }}</a>{{ ", " if not loop.last }}
{%- endfor %}{% endmacro %}
{% macro web(url) %}{% if url and (url.startswith("https://") or url.startswith("http://")) -%}
<a href="{{ url }}" rel="nofollow noopener">{{ url }}</a>{% elif url %}{{ url }}{% endif %}{% endmacro %}
{% macro provenance(p) %}{% if p.locator %}{{ p.locator }}{% endif %}
{%- if p.inferred %} <span class="tag">inferred</span>{% endif %}
{%- if p.dataset %} <span class="muted">data set
<a href="{{ root }}/id/dataset/{{ p.dataset }}">{{ p.dataset }}</a></span>{% endif %}{% endmacro %}
{% macro sources(items) %}<ul>{% for s in items %}<li>
{%- if s.url and (s.url.startswith("https://") or s.url.startswith("http://")) -%}
<a href="{{ s.url }}" rel="nofollow noopener">{{ s.title }}</a>{% else %}{{ s.title }}{% endif %}
{%- if s.publisher %}, {{ s.publisher }}{% endif %}{% if s.year %} ({{ s.year }}){% endif %}</li>
{%- else %}<li class="muted">none recorded</li>{% endfor %}</ul>{% endmacro %}""",
    "actor.html": """{% extends "base.html" %}{% import "macros.html" as m with context %}{% block body %}
<h1>{{ actor.name }}</h1>
<p class="sub">{% for t in actor.types %}{{ t.label }}{{ ", " if not loop.last }}{% endfor %}
{%- if actor.sphere %} · {{ actor.sphere.label }}{% endif %}{% if actor.seat %} · {{ actor.seat.name }}{% endif %}</p>
{% if actor.description %}<p>{{ actor.description }}</p>{% endif %}
<table>
<tr><th>Type</th><td>{{ m.concepts(actor.types) }}</td></tr>
<tr><th>Sphere</th><td>{% if actor.sphere %}{{ m.concepts([actor.sphere]) }}{% endif %}</td></tr>
<tr><th>Seat</th><td>{% if actor.seat %}{{ m.regions([actor.seat]) }}{% endif %}</td></tr>
<tr><th>Area served</th><td>{{ m.regions(actor.area_served) or "its seat" }}</td></tr>
{% if actor.sectors %}<tr><th>Sectors</th><td>{{ m.concepts(actor.sectors) }}</td></tr>{% endif %}
{% if actor.website %}<tr><th>Website</th><td>{{ m.web(actor.website) }}</td></tr>{% endif %}
<tr><th>Recorded from</th><td>{{ m.provenance(actor.provenance) }}</td></tr>
</table>
<h2>Services ({{ actor.services|length }})</h2>
{% if actor.services %}<table><thead><tr><th>Service</th><th>Instruments</th><th>Determinants</th>
<th>Phases</th><th>For</th><th>Delivery</th></tr></thead>
{% for s in actor.services %}<tr><td><a href="{{ link(s.iri) }}">{{ s.name }}</a></td>
<td>{{ m.concepts(s.instruments) }}</td><td>{{ m.concepts(s.determinants) }}</td>
<td>{{ m.concepts(s.phases) }}</td><td>{{ m.concepts(s.target_groups) }}</td>
<td>{% if s.delivery %}{{ s.delivery.label }}{% endif %}
{%- if s.signposts_to %} to {{ m.actors(s.signposts_to) }}{% endif %}</td></tr>{% endfor %}</table>
{% else %}<p class="muted">No services recorded.</p>{% endif %}
<h2>Relations ({{ actor.relations|length }})</h2>
{% if actor.relations %}<table><thead><tr><th>Relation</th><th>With</th><th>Source</th></tr></thead>
{% for r in actor.relations %}<tr><td>{{ relation_label(r) }}</td>
<td><a href="{{ link(r.actor.iri) }}">{{ r.actor.name }}</a>
{%- if r.note %} <span class="muted">{{ r.note }}</span>{% endif %}</td>
<td>{{ m.provenance(r.provenance) }}</td></tr>{% endfor %}</table>
{% else %}<p class="muted">No relations recorded.</p>{% endif %}
<h2>Sources</h2>{{ m.sources(actor.sources) }}
{% endblock %}""",
    "service.html": """{% extends "base.html" %}{% import "macros.html" as m with context %}{% block body %}
<h1>{{ service.name }}</h1>
<p class="sub">{% if service.provider %}offered by
<a href="{{ link(service.provider.iri) }}">{{ service.provider.name }}</a>{% endif %}
{%- if service.public_service %} · public service{% endif %}</p>
{% if service.description %}<p>{{ service.description }}</p>{% endif %}
<table>
<tr><th>Determinants</th><td>{{ m.concepts(service.determinants) }}</td></tr>
<tr><th>Phases</th><td>{{ m.concepts(service.phases) or "not stated" }}</td></tr>
<tr><th>Target groups</th><td>{{ m.concepts(service.target_groups) or "not stated" }}</td></tr>
<tr><th>Instruments</th><td>{{ m.concepts(service.instruments) }}</td></tr>
<tr><th>Roles</th><td>{{ m.concepts(service.roles) }}</td></tr>
{% if service.categories %}<tr><th>Category</th><td>{{ m.concepts(service.categories) }}</td></tr>{% endif %}
{% if service.sectors %}<tr><th>Sectors</th><td>{{ m.concepts(service.sectors) }}</td></tr>{% endif %}
<tr><th>Delivery</th><td>{% if service.delivery %}{{ service.delivery.label }}{% endif %}
{%- if service.signposts_to %} to {{ m.actors(service.signposts_to) }}{% endif %}</td></tr>
<tr><th>Offered in</th><td>{{ m.regions(service.offered_in) }}</td></tr>
{% if service.funded_by %}<tr><th>Funded by</th><td>{{ m.actors(service.funded_by) }}</td></tr>{% endif %}
{% if service.valid_from or service.valid_until %}<tr><th>Valid</th><td>
{%- if service.valid_from %}from {{ service.valid_from }} {% endif %}
{%- if service.valid_until %}until {{ service.valid_until }}{% endif %}</td></tr>{% endif %}
{% if service.website %}<tr><th>Website</th><td>{{ m.web(service.website) }}</td></tr>{% endif %}
<tr><th>Recorded from</th><td>{{ m.provenance(service.provenance) }}</td></tr>
</table>
<h2>Sources</h2>{{ m.sources(service.sources) }}
{% endblock %}""",
    "region.html": """{% extends "base.html" %}{% import "macros.html" as m with context %}{% block body %}
<p class="muted">{% for a in region.ancestors|reverse %}<a href="{{ link(a.iri) }}">{{ a.name }}</a> ›
{% endfor %}</p>
<h1>{{ region.name }} <span class="muted">{{ region.code }}</span></h1>
<p class="sub">{% if region.level is not none %}level {{ region.level }} · {% endif %}
{{- region.actors_located }} actors seated here ·
<a href="{{ root }}/services?region={{ region.code|urlencode }}">{{ region.services_available }} services
available</a></p>
<p><a href="{{ root }}/regions/{{ region.code|urlencode }}/dashboard">Dashboard: coverage, gaps, brokers</a> ·
<a href="{{ root }}/regions/{{ region.code|urlencode }}/network">Actor network</a></p>
{% if region.children %}<h2>Parts ({{ region.children|length }})</h2>
<p>{{ m.regions(region.children) }}</p>{% endif %}
<h2>Actors seated in {{ region.name }}</h2>
{% if actors.items %}<table><thead><tr><th>Actor</th><th>Type</th><th>Sphere</th><th>Seat</th></tr></thead>
{% for a in actors.items %}<tr><td><a href="{{ link(a.iri) }}">{{ a.name }}</a></td>
<td>{% for t in a.types %}{{ t.label }}{{ ", " if not loop.last }}{% endfor %}</td>
<td>{% if a.sphere %}{{ a.sphere.label }}{% endif %}</td>
<td>{% if a.seat %}{{ a.seat.name }}{% endif %}</td></tr>{% endfor %}</table>
{% if actors.total > actors.items|length %}<p class="muted">{{ actors.items|length }} of {{ actors.total }} shown:
<a href="{{ root }}/actors?region={{ region.code|urlencode }}&amp;limit=500">all as JSON</a></p>{% endif %}
{% else %}<p class="muted">No actors recorded here.</p>{% endif %}
{% endblock %}""",
    "network.html": """{% extends "base.html" %}{% block body %}
{% set here = root ~ "/regions/" ~ report.scope.code|urlencode %}
<p class="muted"><a href="{{ here }}">{{ report.scope.label }}</a> ›
<a href="{{ here }}/dashboard">dashboard</a></p>
<h1>Actor network of {{ report.scope.label }}</h1>
<p class="sub">{{ report.actors|length }} actors{{ " (with those serving the region)" if report.include_served }} ·
{{ report.components|length }} connected groups · {{ report.isolates|length }} isolated actors ·
<a href="{{ here }}/network?served={{ "false" if report.include_served else "true" }}">
{{- "only actors seated here" if report.include_served else "add actors serving the region" }}</a> ·
<a href="{{ here }}/brokers?served={{ report.include_served|lower }}">as JSON</a></p>
{% if graph %}{{ graph }}
<p class="muted" style="clear:both">Colour: {% for sphere, colour in colours.items() %}
<span class="tag" style="border-left:.8rem solid {{ colour }}">{{ sphere }}</span>{% endfor %}
Size: betweenness. Hover over an actor for its type, sphere and why it brokers.</p>
{% else %}<p class="muted">No actors recorded here.</p>{% endif %}
<h2>Top brokers</h2>
{% if report.brokers %}<table><thead><tr><th>Actor</th><th>Betweenness</th><th>Links</th><th>Why</th></tr></thead>
{% for b in report.brokers[:10] %}<tr><td><a href="{{ root }}/actors/{{ b.actor|urlencode }}">
{{- report.actors[b.actor].name }}</a></td><td>{{ "%.2f"|format(b.betweenness) }}</td><td>{{ b.degree }}</td>
<td>{{ b.reason }}</td></tr>{% endfor %}</table>
{% else %}<p class="muted">No actor lies between two others.</p>{% endif %}
{% endblock %}""",
    "dashboard.html": """{% extends "base.html" %}{% block body %}
{% set here = root ~ "/regions/" ~ cov.scope.code|urlencode %}
<style>.heat td.n{text-align:center;width:5.5rem;font-weight:600}.heat .c0{background:#f6c9c4}
.heat .c1{background:#fbe3a6}.heat .c2{background:#bfe3c6}.heat tr.cat th{background:#eef2f5;width:auto}
.heat thead th+th{text-align:center}</style>
<p class="muted"><a href="{{ here }}">{{ cov.scope.label }}</a> › <a href="{{ here }}/network">actor network</a></p>
<h1>Dashboard of {{ cov.scope.label }}</h1>
<p class="sub">Direct providers per determinant and phase · {{ found.gaps|length }} gaps and
{{ found.single_points|length }} single points of failure in {{ found.cells }} cells ·
JSON: {% for name in analyses %}<a href="{{ here }}/{{ name }}">{{ name }}</a>
{{- " · " if not loop.last }}{% endfor %}</p>
<h2>Coverage</h2>
<p class="muted"><span class="tag" style="background:#f6c9c4">0 providers</span>
<span class="tag" style="background:#fbe3a6">1</span><span class="tag" style="background:#bfe3c6">2 or more</span>
Hover over a cell for its providers.</p>
<table class="heat"><thead><tr><th>Determinant</th>{% for p in cov.phases %}<th>{{ p }}</th>{% endfor %}</tr></thead>
{% for category, rows in groups %}<tr class="cat"><th colspan="{{ cov.phases|length + 1 }}">{{ category }}</th></tr>
{% for row, cells in rows %}<tr><td>{{ row.label }}</td>{% for c in cells %}
<td class="n c{{ [c.providers, 2]|min }}" data-row="{{ c.row }}" data-phase="{{ c.phase }}"
 title="{{ who(c.direct) if c.direct else 'no direct provider' }}
{%- if c.signposting %}; signposting: {{ who(c.signposting) }}{% endif %}">
{{- c.providers }}</td>{% endfor %}</tr>{% endfor %}{% endfor %}</table>
<h2>Single points of failure ({{ found.single_points|length }})</h2>
{% if found.single_points %}<table class="single"><thead><tr><th>Determinant</th><th>Phase</th><th>Only provider</th>
</tr></thead>{% for f in found.single_points %}<tr><td>{{ labels[f.determinant] }}</td><td>{{ f.phase }}</td>
<td><a href="{{ root }}/actors/{{ f.providers[0]|urlencode }}">{{ names[f.providers[0]] }}</a></td></tr>
{% endfor %}</table>{% else %}<p class="muted">None.</p>{% endif %}
<h2>Gaps ({{ found.gaps|length }})</h2>
{% if missing %}<table class="gaps"><thead><tr><th>Determinant</th><th>Phases without a direct provider</th></tr>
</thead>{% for determinant, phases in missing.items() %}<tr><td>{{ labels[determinant] }}</td>
<td>{{ phases|join(", ") }}</td></tr>{% endfor %}</table>{% else %}<p class="muted">None.</p>{% endif %}
<h2>Top brokers</h2>
{% if report.brokers %}<table><thead><tr><th>Actor</th><th>Betweenness</th><th>Why</th></tr></thead>
{% for b in report.brokers[:5] %}<tr><td><a href="{{ root }}/actors/{{ b.actor|urlencode }}">
{{- report.actors[b.actor].name }}</a></td><td>{{ "%.2f"|format(b.betweenness) }}</td><td>{{ b.reason }}</td></tr>
{% endfor %}</table>{% else %}<p class="muted">No actor lies between two others.</p>{% endif %}
<p><a href="{{ here }}/network">See the actor network</a></p>
{% endblock %}""",
    "regions.html": """{% extends "base.html" %}{% block body %}
<h1>Regions</h1><p class="sub">{{ page.total }} regions
{%- if page.total > page.items|length %}, {{ page.items|length }} shown{% endif %}</p>
<table><thead><tr><th>Code</th><th>Name</th><th>Level</th><th>Part of</th></tr></thead>
{% for r in page.items %}<tr><td><a href="{{ link(r.iri) }}">{{ r.code }}</a></td><td>{{ r.name }}</td>
<td>{{ r.level if r.level is not none }}</td>
<td>{% if r.parent %}<a href="{{ link(r.parent.iri) }}">{{ r.parent.name }}</a>{% endif %}</td></tr>
{% endfor %}</table>
{% endblock %}""",
    "resource.html": """{% extends "base.html" %}{% block body %}
<h1>{{ title }}</h1><p class="sub"><code>{{ iri }}</code></p>
<table>{% for prop, values in rows %}<tr><th title="{{ prop }}">{{ short(prop) }}</th><td>
{%- for v in values %}{% if v.href %}<a href="{{ v.href }}">{{ v.text }}</a>{% else %}{{ v.text }}{% endif %}
{%- if not loop.last %}<br>{% endif %}{% endfor %}</td></tr>{% endfor %}</table>
{% endblock %}""",
    "home.html": """{% extends "base.html" %}{% block body %}
<h1>Who supports entrepreneurs with what, where</h1>
<p class="sub">A knowledge graph of regional collaboration systems: {{ stats.actors }} actors,
{{ stats.services }} services, {{ stats.regions }} regions, {{ stats.triples }} triples.</p>
<p>Look up services through the <a href="{{ root }}/docs">REST API</a>, ask your own questions at the
<a href="{{ root }}/sparql">SPARQL endpoint</a>, or start from a country:</p>
<table><thead><tr><th>Country</th><th>Name</th><th>Actors seated</th><th>Services of those actors</th></tr></thead>
{% for r in countries %}<tr><td><a href="{{ root }}/regions/{{ r.region|urlencode }}">{{ r.region }}</a></td>
<td>{{ r.name }}</td><td>{{ r.actors }}</td><td>{{ r.services }}</td></tr>{% endfor %}</table>
{% endblock %}""",
}

_ENV = Environment(loader=DictLoader(TEMPLATES), autoescape=select_autoescape(default=True, default_for_string=True))

RELATION_LABELS = {
    ("member_of", "out"): "member of", ("member_of", "in"): "has member",
    ("collaborates_with", "out"): "collaborates with", ("collaborates_with", "in"): "collaborates with",
    ("partner_abroad", "out"): "partner abroad", ("partner_abroad", "in"): "partner abroad",
    ("funds", "out"): "funds", ("funds", "in"): "funded by",
    ("signposts_to", "out"): "signposts to", ("signposts_to", "in"): "receives referrals from",
    ("coordinates", "out"): "coordinates", ("coordinates", "in"): "coordinated by",
    ("part_of", "out"): "part of", ("part_of", "in"): "has part",
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


def render(request: Request, catalogue: Catalogue, template: str, title: str, iri: str | None = None,
           formats: list[tuple[str, str]] | None = None, **context: object) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    html = _ENV.get_template(template).render(
        root=root, title=title, iri=iri, formats=formats or [], link=Links(root, catalogue),
        relation_label=lambda r: RELATION_LABELS.get((r.relation, r.direction), r.relation), **context,
    )
    return HTMLResponse(html)


def format_links(request: Request) -> list[tuple[str, str]]:
    """Links to the other representations of the current page."""
    base = request.url.path
    return [("JSON", f"{base}?format=json"), ("JSON-LD", f"{base}?format=jsonld"), ("Turtle", f"{base}?format=ttl"),
            ("N-Triples", f"{base}?format=nt")]
