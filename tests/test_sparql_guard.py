"""The query check that runs before evaluation: forms, dataset clauses, refusals, messages with positions."""

from __future__ import annotations

import pytest
import rdflib.plugins.sparql as rdflib_sparql

from kg.errors import QueryError, QueryRefused
from kg.sparql_guard import QueryInfo, harden_rdflib, inspect_query


@pytest.mark.parametrize(("query", "info"), [
    ("SELECT * WHERE { ?s ?p ?o }", QueryInfo("SELECT", False)),
    ("ASK {}", QueryInfo("ASK", False)),
    ("CONSTRUCT WHERE { ?s ?p ?o }", QueryInfo("CONSTRUCT", False)),
    ("DESCRIBE <http://x/y>", QueryInfo("DESCRIBE", False)),
    ("SELECT * FROM <http://x/g> WHERE { ?s ?p ?o }", QueryInfo("SELECT", True)),
    ("ASK FROM NAMED <http://x/g> { GRAPH ?g { ?s ?p ?o } }", QueryInfo("ASK", True)),
    ('PREFIX : <http://x/> SELECT ?s WHERE { ?s :service "SERVICE" ; a :Service }', QueryInfo("SELECT", False)),
    ("# SERVICE <http://x> { }\nSELECT * WHERE { ?s ?p ?o }", QueryInfo("SELECT", False)),
])
def test_read_only_queries_pass_with_their_form(query, info):
    assert inspect_query(query) == info


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://x/> { ?s ?p ?o } }",
    "select * where { service ?endpoint { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?a ?b ?c FILTER(?a < ?b) SERVICE ?a#>\n { ?s ?p ?o } }",
    "ASK { { SELECT * WHERE { OPTIONAL { SERVICE <http://x/> { ?s ?p ?o } } } } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { FILTER NOT EXISTS { SERVICE <http://x/> { ?s ?p ?o } } }",
])
def test_service_is_refused_wherever_it_hides(query):
    with pytest.raises(QueryRefused, match="SERVICE"):
        inspect_query(query)


@pytest.mark.parametrize("update", [
    "LOAD <file:///etc/passwd>", "LOAD <http://x/> INTO GRAPH <http://x/g>", "INSERT DATA { <a:b> <a:b> <a:b> }",
    "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "DROP SILENT GRAPH <http://x/g>", "COPY DEFAULT TO <http://x/g>",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused(update):
    with pytest.raises(QueryRefused, match="read-only"):
        inspect_query(update)


def test_malformed_queries_get_the_parsers_message_and_position():
    with pytest.raises(QueryError, match=r"line 3, column 2") as info:
        inspect_query("SELECT *\nWHERE { ?s ?p ?o .\n FILTER(?o = ) }")
    assert "malformed query" in str(info.value)
    with pytest.raises(QueryError, match="empty"):
        inspect_query("  \n")
    with pytest.raises(QueryError, match="undeclared prefix rc:"):
        inspect_query("SELECT * WHERE { ?s a rc:Actor }")
    with pytest.raises(QueryError, match="found ';' at line 1, column 29"):
        inspect_query("SELECT * WHERE { ?s ?p ?o } ; SELECT * WHERE { ?s ?p ?o }")


def test_pathological_nesting_is_refused_not_crashed():
    with pytest.raises((QueryRefused, QueryError)):
        inspect_query("SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000)


def test_harden_rdflib_is_idempotent_and_holds():
    harden_rdflib()
    harden_rdflib()
    assert rdflib_sparql.SPARQL_LOAD_GRAPHS is False
    assert rdflib_sparql.SPARQL_DEFAULT_GRAPH_UNION is False
    assert list(rdflib_sparql.CUSTOM_EVALS).count("kg-refuse-service") == 1
