"""The ontology and taxonomies: they parse, every term is documented, Table 1 is rebuilt row by row,
and the shapes reject each kind of malformed data with a message naming the focus node and rule."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.config import PROJECT_ROOT
from kg.namespaces import RC, actor_iri, concept, service_iri
from kg.ontology import SCHEMES, ontology_graph, shapes_graph
from kg.ontology_check import check_ontology
from kg.validation import shacl_problems

ONTOLOGY_DIR = PROJECT_ROOT / "ontology"

# Table 1 of seed 001, row by row: category -> sub-determinants in the table's order
TABLE_1 = {
    "regulatory-framework": [
        "admin-burdens-entry", "admin-burdens-growth", "bankruptcy-regulation", "safety-health-environment-regulation",
        "product-regulation", "labour-market-regulation", "court-legal-framework", "social-health-security",
        "income-wealth-bequest-taxes", "business-capital-taxes",
    ],
    "market-conditions": [
        "anti-trust-law", "competition", "public-procurement", "access-domestic-market", "access-foreign-markets",
    ],
    "access-to-finance": ["access-debt-financing", "business-angels", "venture-capital", "access-other-equity"],
    "knowledge-creation-diffusion": [
        "rd-investment", "university-industry-interface", "technological-cooperation", "technology-diffusion",
        "broadband-access",
    ],
    "entrepreneurial-capabilities": [
        "training-experience-entrepreneurs", "business-entrepreneurship-education", "entrepreneurship-infrastructure",
        "immigration",
    ],
    "culture": ["entrepreneurship-education-mindset"],
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return ontology_graph(ONTOLOGY_DIR)


def test_ontology_check_passes_and_counts_every_scheme():
    report = check_ontology(ONTOLOGY_DIR)
    assert report.problems == []
    assert set(report.schemes) == set(SCHEMES)
    assert report.schemes["determinant"] == (35, 6)
    assert report.schemes["phase"][0] == 4 and report.schemes["service-category"][0] == 8
    assert report.assignments >= 29


def test_ontology_has_stable_namespace_and_version(graph):
    ontology = URIRef("https://w3id.org/rckg/ontology")
    assert (ontology, RDF.type, OWL.Ontology) in graph
    assert graph.value(ontology, OWL.versionInfo) is not None
    assert graph.value(ontology, OWL.versionIRI) is not None


def test_every_class_and_property_has_label_and_definition(graph):
    terms = [
        t for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for t in graph.subjects(RDF.type, kind) if str(t).startswith(str(RC))
    ]
    assert len(terms) > 50
    for term in terms:
        assert graph.value(term, RDFS.label) is not None, term
        assert graph.value(term, SKOS.definition) is not None, term


def test_every_concept_has_code_label_definition_and_scheme(graph):
    for cls in SCHEMES.values():
        for c in graph.subjects(RDF.type, RC[cls]):
            for prop in (SKOS.notation, SKOS.prefLabel, SKOS.definition, SKOS.inScheme):
                assert graph.value(c, prop) is not None, (c, prop)


def test_alignments_to_standard_vocabularies(graph):
    assert (RC.Organisation, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in graph
    assert (RC.Service, RDFS.subClassOf, URIRef("https://schema.org/Service")) in graph
    assert (RC.provider, RDFS.subPropertyOf, URIRef("https://schema.org/provider")) in graph
    assert (RC.areaServed, RDFS.subPropertyOf, URIRef("https://schema.org/areaServed")) in graph
    assert (RC.memberOf, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#memberOf")) in graph
    assert (RC.Actor, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Agent")) in graph


@pytest.mark.parametrize("category", list(TABLE_1))
def test_every_table1_sub_determinant_sits_under_its_category(graph, category):
    top = concept("determinant", category)
    assert (top, SKOS.topConceptOf, URIRef("https://w3id.org/rckg/scheme/determinant")) in graph
    narrower = {str(graph.value(c, SKOS.notation)) for c in graph.subjects(SKOS.broader, top)}
    assert narrower == set(TABLE_1[category])


def test_table1_has_29_sub_determinants_each_with_a_responsibility(graph):
    subs = [c for codes in TABLE_1.values() for c in codes]
    assert len(subs) == 29
    covered = {graph.value(a, RC.expectedFor) for a in graph.subjects(RDF.type, RC.ResponsibilityAssignment)}
    assert {concept("determinant", s) for s in subs} <= covered


def _valid_example() -> Graph:
    g = Graph()
    src = URIRef("https://example.org/source")
    g.add((src, RDF.type, RC.Source))
    g.add((src, DCTERMS.title, Literal("A source")))
    actor = actor_iri("example-cluster")
    g.add((actor, RDF.type, RC.Actor))
    g.add((actor, RDFS.label, Literal("Example cluster")))
    g.add((actor, RC.actorType, concept("actor-type", "cluster-organisation")))
    g.add((actor, RC.locatedIn, URIRef("http://data.europa.eu/nuts/code/DE126")))
    g.add((actor, RC.sphere, concept("sphere", "non-profit")))
    g.add((actor, DCTERMS.source, src))
    service = service_iri("example-coaching")
    g.add((service, RDF.type, RC.Service))
    g.add((service, RDFS.label, Literal("Coaching")))
    g.add((service, RC.provider, actor))
    g.add((service, RC.addresses, concept("determinant", "training-experience-entrepreneurs")))
    g.add((service, RC.instrument, concept("instrument", "coaching")))
    g.add((service, RC.role, concept("role", "facilitator-enabler")))
    g.add((service, RC.phase, concept("phase", "start-up")))
    g.add((service, DCTERMS.source, src))
    return g


def _problems(graph: Graph) -> list[str]:
    problems = shacl_problems(graph, shapes_graph(ONTOLOGY_DIR), ontology_graph(ONTOLOGY_DIR), "example")
    return [p.message for p in problems]


def test_shapes_accept_a_valid_example():
    assert _problems(_valid_example()) == []


def _without(graph: Graph, s, p) -> Graph:
    graph.remove((s, p, None))
    return graph


CASES = {
    "service without provider": (
        lambda g: _without(g, service_iri("example-coaching"), RC.provider), "a service needs a provider"),
    "determinant outside its scheme": (
        lambda g: g.add((service_iri("example-coaching"), RC.addresses, concept("phase", "growth"))),
        "the determinant is not a concept of the determinant scheme"),
    "phase outside its scheme": (
        lambda g: g.add((service_iri("example-coaching"), RC.phase, concept("determinant", "culture"))),
        "the phase is not a concept of the phase scheme"),
    "instrument outside its scheme": (
        lambda g: g.add((service_iri("example-coaching"), RC.instrument, URIRef("https://example.org/magic"))),
        "the instrument is not a concept of the instrument scheme"),
    "actor without type": (
        lambda g: _without(g, actor_iri("example-cluster"), RC.actorType), "an actor needs an actor type"),
    "actor without region": (
        lambda g: _without(g, actor_iri("example-cluster"), RC.locatedIn), "exactly one region"),
    "relation to an undefined actor": (
        lambda g: g.add((actor_iri("example-cluster"), RC.collaboratesWith, actor_iri("ghost"))),
        "collaborates with an actor that is not defined"),
    "fact without a source": (
        lambda g: _without(g, service_iri("example-coaching"), DCTERMS.source), "every fact needs a source"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_shapes_reject_malformed_data_naming_focus_node_and_rule(case):
    break_it, expected = CASES[case]
    graph = _valid_example()
    break_it(graph)
    problems = _problems(graph)
    assert len(problems) == 1, problems
    assert expected in problems[0]
    assert problems[0].startswith(("actor:example-cluster", "service:example-coaching"))


def test_cq9_returns_table1_division_of_responsibility(full_store_or_ontology):
    rows = full_store_or_ontology.select(
        (PROJECT_ROOT / "kg" / "queries" / "cq09-table1-responsibilities.rq").read_text()
    ).rows
    table = {(str(r["determinant"]), str(r["actorType"]), str(r["role"])): str(r["instruments"]) for r in rows}
    assert table[("bankruptcy-regulation", "government", "regulator")] == "regulation"
    vc = table[("venture-capital", "cluster-organisation", "facilitator-enabler")]
    assert {"information", "networking", "investor-contacts", "coaching"} <= set(vc.split(", "))
    assert "financial-incentives" in table[("broadband-access", "government", "regulator")]
    assert "infrastructure-investment" in table[("entrepreneurship-infrastructure", "government", "programme-provider")]
    regulators = {d for d, t, r in table if t == "government" and r == "regulator"}
    assert set(TABLE_1["regulatory-framework"]) <= regulators
    facilitated = {d for d, t, r in table if t == "cluster-organisation"}
    assert set(TABLE_1["access-to-finance"]) <= facilitated
    assert "immigration" in regulators and "immigration" not in facilitated


@pytest.fixture
def full_store_or_ontology(settings, store):
    """CQ 9 needs only the taxonomies: a store with just the ontology graph."""
    from kg.loading.loader import ensure_ontology

    ensure_ontology(settings, store)
    return store


def test_docs_are_generated_from_the_turtle(tmp_path):
    from kg.ontology_docs import write_docs

    written = {p.name for p in write_docs(ONTOLOGY_DIR, tmp_path)}
    assert written == {"index.html", "taxonomies.md", "terms.md"}
    markdown = (tmp_path / "taxonomies.md").read_text()
    assert "| `venture-capital` | Venture capital | access-to-finance |" in markdown
    assert "rc:provider" in (tmp_path / "terms.md").read_text()
    assert "Regional Collaboration Systems Ontology" in (tmp_path / "index.html").read_text()
