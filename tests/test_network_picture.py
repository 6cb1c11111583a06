"""The network picture of the report on the toy region (Karlsruhe DE12: the cluster, the incubator, the university,
and Toy Ventures with no tie) with one planted actor whose name holds markup: valid SVG, one circle per actor and
one line per linked pair, arrows only where a relation has a direction, every name escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from api.network_picture import MAX_LABELS, network_svg
from kg.analysis.actors import ActorInfo, Link
from kg.analysis.network import NetworkReport, brokers
from kg.analysis.scope import Scope
from kg.config import Settings
from kg.namespaces import GRAPH, NUTS, RC, actor_iri
from tests.api_support import loaded_store

SVG = "{http://www.w3.org/2000/svg}"
PLANTED = "Planted <b>Lab</b> & Partners"


@pytest.fixture(scope="module")
def report() -> NetworkReport:
    store = loaded_store()
    planted, g = actor_iri("planted-lab"), Graph()
    for p, o in ((RDF.type, RC.Actor), (RDFS.label, Literal(PLANTED)), (RC.locatedWithin, NUTS.DE12),
                 (RC.collaboratesWith, actor_iri("toy-university"))):
        g.add((planted, p, o))
    store.replace_graphs({URIRef(GRAPH + "test-planted"): g})
    return brokers(store, Settings(store="memory", _env_file=None), "DE12")


def _group(root: ET.Element, name: str) -> ET.Element:
    return next(g for g in root.iter(f"{SVG}g") if g.get("class") == name)


def test_the_picture_is_valid_svg_with_a_circle_per_actor_and_a_line_per_linked_pair(report):
    root = ET.fromstring(str(network_svg(report)))
    assert root.tag == f"{SVG}svg" and (root.get("width"), root.get("height")) == ("900", "560")
    assert len(_group(root, "actors").findall(f"{SVG}circle")) == len(report.actors) == 5
    # cluster - incubator (coordinates, member-of, signposts-to), cluster - university, university - planted lab
    assert len(_group(root, "links").findall(f"{SVG}line")) == 3
    caption = _group(root, "legend").find(f"{SVG}text")
    assert caption is not None and caption.text == "5 actors, 5 recorded relations, 1 isolated"


def test_arrows_mark_directed_relations_and_collaboration_is_a_plain_line(report):
    root = ET.fromstring(str(network_svg(report)))
    lines = {line.findtext(f"{SVG}title"): line for line in _group(root, "links").findall(f"{SVG}line")}
    both = next(line for title, line in lines.items() if "coordinates" in title)
    assert both.get("marker-end") == "url(#arrow)" and both.get("marker-start") == "url(#arrow)"  # and member-of back
    plain = lines["Toy Cluster Management collaborates-with Toy University"]
    assert plain.get("marker-end") is None and plain.get("marker-start") is None


def test_names_are_escaped_and_read_back_whole(report):
    svg = str(network_svg(report))
    assert "<b>" not in svg and "Planted &lt;b&gt;Lab&lt;/b&gt; &amp; Partners" in svg
    root = ET.fromstring(svg)
    titles = [c.findtext(f"{SVG}title") for c in _group(root, "actors").findall(f"{SVG}circle")]
    assert PLANTED in titles


def test_isolated_actors_sit_beneath_the_linked_ones_and_the_layout_repeats(report):
    svg = network_svg(report)
    assert svg == network_svg(report)
    root = ET.fromstring(str(svg))
    circles = {c.findtext(f"{SVG}title"): float(c.get("cy", 0)) for c in _group(root, "actors").iter(f"{SVG}circle")}
    lone = circles.pop("Toy Ventures")
    assert lone > max(circles.values())


def test_a_large_network_names_only_its_linked_actors():
    actors = {f"a{i:02}": ActorInfo(f"a{i:02}", f"Actor {i:02}", sphere="private") for i in range(MAX_LABELS + 10)}
    report = NetworkReport(
        Scope(NUTS.DE12, "DE12", "Karlsruhe"), False, actors, (Link("a00", "funds", "a01"),), (), (),
        (("a00", "a01"),), tuple(sorted(set(actors) - {"a00", "a01"})), (("a00", "a01"),), None,
    )
    root = ET.fromstring(str(network_svg(report)))
    labels = {"".join(t.itertext()) for t in _group(root, "actors").findall(f"{SVG}text")}
    assert {"Actor 00", "Actor 01"} <= labels and "Actor 05" not in labels
    caption = _group(root, "legend").findtext(f"{SVG}text")
    assert caption == "40 actors, 1 recorded relation, 38 isolated; 2 of them named"
