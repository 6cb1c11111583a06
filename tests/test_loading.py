"""Loading: the template maps to the ontology, every bad input is reported precisely, and a failed
load leaves the store exactly as it was."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.config import Settings
from kg.errors import LoadError
from kg.loading.loader import load_paths, validate_paths
from kg.namespaces import NUTS, RC, actor_iri, dataset_graph, service_iri
from kg.store import EmbeddedStore
from tests.conftest import FIXTURES


def _edit_csv(path: Path, row_index: int, column: str, value: str) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fields = list(rows[0].keys())
    rows[row_index][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _load_fails(paths: list[Path], settings: Settings, store: EmbeddedStore) -> LoadError:
    before = store.triple_count()
    sizes = store.graph_sizes()
    with pytest.raises(LoadError) as info:
        load_paths(paths, settings, store)
    assert store.triple_count() == before
    assert store.graph_sizes() == sizes
    return info.value


def test_toy_region_loads_into_its_own_named_graph(settings, mini_store):
    loaded = load_paths([FIXTURES / "toy-region"], settings, mini_store)
    assert [d.id for d in loaded] == ["toy-region"]
    assert loaded[0].actors == 6 and loaded[0].services == 6
    assert str(dataset_graph("toy-region")) in mini_store.graph_sizes()
    rows = mini_store.select(
        "SELECT ?r WHERE { ?a rc:locatedWithin ?r }", {"a": actor_iri("toy-cluster")}
    ).values("r")
    assert set(rows) == {NUTS.DE126, NUTS.DE12, NUTS.DE1, NUTS.DE}


def test_template_maps_provenance_inverses_and_offer_area(settings, mini_store):
    load_paths([FIXTURES / "toy-region"], settings, mini_store)
    ask = mini_store.ask
    assert ask("ASK { ?s rc:provider ?a . ?a rc:provides ?s }", {"s": service_iri("toy-coaching")})
    assert ask("ASK { ?m rc:funds ?s . ?s rc:fundedBy ?m }", {"s": service_iri("toy-incubation")})
    assert ask("ASK { ?a rc:hasMember ?b }", {"a": actor_iri("toy-cluster"), "b": actor_iri("toy-incubator")})
    assert ask("ASK { ?b rc:partnerAbroad ?a . ?b rc:collaboratesWith ?a }",
               {"a": actor_iri("toy-cluster"), "b": actor_iri("toy-partner")})
    # the national ministry serves DE, so its programme is offered in DE; the VC serves only its seat
    assert ask("ASK { ?s rc:offeredIn ?r }", {"s": service_iri("toy-research-programme"), "r": NUTS.DE})
    assert ask("ASK { ?s rc:offeredIn ?r }", {"s": service_iri("toy-seed-fund"), "r": NUTS.DE125})
    # every fact carries its source; an inferred one says so
    assert ask("ASK { ?a dcterms:source/dcterms:title 'Test fixture' ; rc:inferred true }", {"a": actor_iri("toy-vc")})
    assert ask("ASK { ?r a rc:Relationship ; rc:relationProperty rc:coordinates ; dcterms:source ?src ;"
               " rc:sourceLocator 'row 2' }")
    # a government's service is also a CPSV-AP public service
    assert ask("ASK { ?s a <http://purl.org/vocab/cpsv#PublicService> }", {"s": service_iri("toy-research-programme")})
    assert not ask("ASK { ?s a <http://purl.org/vocab/cpsv#PublicService> }", {"s": service_iri("toy-seed-fund")})


def test_loading_again_replaces_the_data_set(settings, mini_store, toy_copy):
    load_paths([toy_copy], settings, mini_store)
    first = mini_store.triple_count()
    _edit_csv(toy_copy / "actors.csv", 0, "name", "Renamed Cluster")
    load_paths([toy_copy], settings, mini_store)
    assert mini_store.triple_count() == first
    names = mini_store.select("SELECT ?n WHERE { ?a rdfs:label ?n }", {"a": actor_iri("toy-cluster")}).values("n")
    assert names == [Literal("Renamed Cluster")]


def test_unknown_determinant_is_reported_by_row_and_column_and_store_unchanged(settings, mini_store, toy_copy):
    _edit_csv(toy_copy / "services.csv", 1, "determinants", "venture-kapital")
    error = _load_fails([toy_copy], settings, mini_store)
    [problem] = error.problems
    assert problem.file.endswith("services.csv") and problem.row == 3 and problem.column == "determinants"
    assert problem.value == "venture-kapital" and "unknown determinant" in problem.message


def test_actor_referenced_but_never_defined(settings, mini_store, toy_copy):
    _edit_csv(toy_copy / "relations.csv", 3, "object", "ghost-actor")
    error = _load_fails([toy_copy], settings, mini_store)
    assert any(p.row == 5 and p.column == "object" and p.value == "ghost-actor" for p in error.problems)


def test_duplicate_id(settings, mini_store, toy_copy):
    _edit_csv(toy_copy / "actors.csv", 2, "id", "toy-cluster")
    error = _load_fails([toy_copy], settings, mini_store)
    assert any(p.row == 4 and p.column == "id" and "duplicate" in p.message for p in error.problems)


def test_all_errors_of_a_file_are_reported_together(settings, mini_store, toy_copy):
    _edit_csv(toy_copy / "services.csv", 0, "phases", "someday")
    _edit_csv(toy_copy / "services.csv", 4, "instruments", "magic")
    _edit_csv(toy_copy / "actors.csv", 1, "located_in", "DE999")
    error = _load_fails([toy_copy], settings, mini_store)
    located = {(Path(p.file).name, p.row, p.column) for p in error.problems}
    expected = {("services.csv", 2, "phases"), ("services.csv", 6, "instruments"), ("actors.csv", 3, "located_in")}
    assert expected <= located


def test_region_code_that_does_not_exist(settings, mini_store, toy_copy):
    _edit_csv(toy_copy / "actors.csv", 0, "located_in", "DE12Z9")
    error = _load_fails([toy_copy], settings, mini_store)
    [problem] = error.problems
    assert problem.column == "located_in" and problem.value == "DE12Z9" and "unknown region" in problem.message


def test_missing_required_column(settings, mini_store, toy_copy):
    path = toy_copy / "actors.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    drop = rows[0].index("located_in")
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([r[:drop] + r[drop + 1 :] for r in rows])
    error = _load_fails([toy_copy], settings, mini_store)
    assert any(p.column == "located_in" and "missing required column" in p.message for p in error.problems)


def test_empty_file(settings, mini_store, toy_copy):
    (toy_copy / "services.csv").write_text("")
    error = _load_fails([toy_copy], settings, mini_store)
    assert error.problems[0].file.endswith("services.csv") and "empty" in error.problems[0].message


def test_file_that_is_not_utf8(settings, mini_store, toy_copy):
    path = toy_copy / "actors.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Toy University", "Universität Toy").encode("latin-1"))
    error = _load_fails([toy_copy], settings, mini_store)
    assert "not UTF-8" in error.problems[0].message and error.problems[0].line == 6


def test_malformed_turtle_names_the_line(settings, mini_store, tmp_path):
    bad = tmp_path / "broken"
    bad.mkdir()
    (bad / "data.ttl").write_text(
        "@prefix rc: <https://w3id.org/rckg/ontology#> .\n<https://x.org/a> a rc:Actor .\n"
        "<https://x.org/b> rc:locatedIn <not an iri> .\n<https://x.org/c> a rc:Actor .\n"
    )
    error = _load_fails([bad], settings, mini_store)
    assert error.problems[0].line == 3 and "syntax error" in error.problems[0].message


def test_turtle_data_set_is_shacl_validated(settings, mini_store, tmp_path):
    folder = tmp_path / "ttl-set"
    folder.mkdir()
    (folder / "data.ttl").write_text(
        "@prefix rc: <https://w3id.org/rckg/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://x.org/s> a rc:Service ; rdfs:label 'Orphan service' .\n"
    )
    error = _load_fails([folder], settings, mini_store)
    messages = " | ".join(p.message for p in error.problems)
    assert "a service needs a provider" in messages and "every fact needs a source" in messages


def test_one_bad_data_set_stops_the_whole_batch(settings, mini_store, toy_copy, tmp_path):
    other = tmp_path / "second" / "toy-two"
    other.parent.mkdir()
    import shutil

    shutil.copytree(toy_copy, other)
    _edit_csv(other / "dataset.csv", 0, "value", "toy-two")
    _edit_csv(other / "services.csv", 0, "roles", "king")
    _load_fails([toy_copy, other], settings, mini_store)
    assert not mini_store.ask("ASK { ?a rdfs:label 'Toy Cluster Management' }")


def test_validate_does_not_touch_the_store(settings, mini_store):
    before = mini_store.triple_count()
    graphs = validate_paths([FIXTURES / "toy-region"], settings, mini_store)
    assert len(graphs["toy-region"]) > 50
    assert mini_store.triple_count() == before


def test_xlsx_workbook_gives_the_same_graph_as_the_csv_folder(settings, mini_store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name in ("dataset", "sources", "actors", "services", "relations"):
        sheet = book.create_sheet(name)
        for row in csv.reader((FIXTURES / "toy-region" / f"{name}.csv").open(encoding="utf-8")):
            sheet.append(row)
    path = tmp_path / "toy-region.xlsx"
    book.save(path)
    from_csv = validate_paths([FIXTURES / "toy-region"], settings, mini_store)["toy-region"]
    from_xlsx = validate_paths([path], settings, mini_store)["toy-region"]
    stamp = RC.inDataset  # both carry the same data set id; only the load time differs
    assert len(from_csv) == len(from_xlsx)
    assert set(from_csv.subjects(stamp, None)) == set(from_xlsx.subjects(stamp, None))


def test_codes_and_labels_are_both_accepted(settings, mini_store, toy_copy):
    _edit_csv(toy_copy / "services.csv", 0, "determinants", "Training and experience of entrepreneurs")
    load_paths([toy_copy], settings, mini_store)
    assert mini_store.ask(
        "ASK { ?s rc:addresses det:training-experience-entrepreneurs }", {"s": service_iri("toy-coaching")}
    )


def test_hostile_parameter_values_stay_values(mini_store):
    hostile = 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o '
    rows = mini_store.select("SELECT ?r WHERE { ?r rc:regionCode ?code }", {"code": Literal(hostile)}).rows
    assert rows == []
    assert mini_store.triple_count() > 0
    from kg.errors import QueryRefused

    with pytest.raises(QueryRefused):
        mini_store.select("SELECT ?r WHERE { ?r ?p ?o }", {"r": URIRef("http://x.org/> } ; DROP ALL ; <")})


def test_json_ld_data_set_loads_and_remote_contexts_are_refused(settings, mini_store, tmp_path):
    folder = tmp_path / "jsonld-set"
    folder.mkdir()
    context = {"rc": "https://w3id.org/rckg/ontology#", "dcterms": "http://purl.org/dc/terms/",
               "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    document = {
        "@context": context,
        "@graph": [
            {"@id": "https://example.org/src", "@type": "rc:Source", "dcterms:title": "A page"},
            {"@id": "https://w3id.org/rckg/id/actor/json-actor", "@type": "rc:Actor", "rdfs:label": "JSON actor",
             "rc:actorType": {"@id": "https://w3id.org/rckg/concept/actor-type/incubator"},
             "rc:locatedIn": {"@id": "http://data.europa.eu/nuts/code/DE126"},
             "dcterms:source": {"@id": "https://example.org/src"}},
        ],
    }
    import json

    (folder / "data.jsonld").write_text(json.dumps(document))
    load_paths([folder], settings, mini_store)
    assert mini_store.ask("ASK { ?a rdfs:label 'JSON actor' ; rc:locatedWithin ?r }", {"r": NUTS.DE1})
    remote = tmp_path / "remote-context"
    remote.mkdir()
    (remote / "data.jsonld").write_text(json.dumps({"@context": "https://example.org/context.jsonld", "@id": "x"}))
    error = _load_fails([remote], settings, mini_store)
    assert error.problems[0].file.endswith("data.jsonld")
