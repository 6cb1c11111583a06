"""The project's IRIs in one place, so that data, queries and code agree on them."""

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/rckg/"
RC = Namespace(BASE + "ontology#")
CONCEPT = BASE + "concept/"
SCHEME = BASE + "scheme/"
ID = Namespace(BASE + "id/")
GRAPH = BASE + "graph/"
NUTS = Namespace("http://data.europa.eu/nuts/code/")
REGION = Namespace(BASE + "id/region/")

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
CPSV = Namespace("http://purl.org/vocab/cpsv#")

ONTOLOGY_GRAPH = URIRef(GRAPH + "ontology")

PREFIXES: dict[str, str] = {
    "rc": str(RC),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": str(ORG),
    "schema": str(SCHEMA),
    "nuts": str(NUTS),
    "region": str(REGION),
    "det": CONCEPT + "determinant/",
    "role": CONCEPT + "role/",
    "instr": CONCEPT + "instrument/",
    "phase": CONCEPT + "phase/",
    "cat": CONCEPT + "service-category/",
    "tg": CONCEPT + "target-group/",
    "atype": CONCEPT + "actor-type/",
    "sector": CONCEPT + "sector/",
    "sphere": CONCEPT + "sphere/",
    "mode": CONCEPT + "delivery-mode/",
    "actor": BASE + "id/actor/",
    "service": BASE + "id/service/",
}


def concept(scheme: str, code: str) -> URIRef:
    return URIRef(f"{CONCEPT}{scheme}/{code}")


def scheme_iri(scheme: str) -> URIRef:
    return URIRef(f"{SCHEME}{scheme}")


def dataset_graph(dataset_id: str) -> URIRef:
    return URIRef(GRAPH + dataset_id)


def actor_iri(actor_id: str) -> URIRef:
    return URIRef(f"{BASE}id/actor/{actor_id}")


def service_iri(service_id: str) -> URIRef:
    return URIRef(f"{BASE}id/service/{service_id}")


def source_iri(dataset_id: str, source_id: str) -> URIRef:
    return URIRef(f"{BASE}id/source/{dataset_id}/{source_id}")


def dataset_iri(dataset_id: str) -> URIRef:
    return URIRef(f"{BASE}id/dataset/{dataset_id}")


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
