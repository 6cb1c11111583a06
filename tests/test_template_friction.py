"""What a data steward met writing a new region from data/README.md alone: misspelt labels, codes and ids get a
"did you mean", the words people use resolve, relations may name actors of other data sets, and relation names
have one spelling (the old one is still read)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF

from kg.errors import LoadError
from kg.loading.loader import load_paths, validate_paths
from kg.namespaces import CPSV, RC, actor_iri, service_iri
from kg.ontology import taxonomy_index
from tests.conftest import FIXTURES

PARTNER_HEADER = "id,name,kind,actor_type,sphere,located_in,source,source_locator,inferred"


def _data_set(folder: Path, actors: str, services: str = "", relations: str = "") -> Path:
    """A small template data set whose actors/services/relations rows are given as CSV lines."""
    folder.mkdir(parents=True)
    (folder / "dataset.csv").write_text(f"key,value\nid,{folder.name}\ntitle,{folder.name}\n", encoding="utf-8")
    (folder / "sources.csv").write_text("id,title\nsrc,A source\n", encoding="utf-8")
    (folder / "actors.csv").write_text(f"{PARTNER_HEADER}\n{actors}\n", encoding="utf-8")
    if services:
        (folder / "services.csv").write_text(
            "id,provider,name,instruments,roles,determinants,funded_by,signposts_to,delivery,source\n"
            f"{services}\n", encoding="utf-8")
    if relations:
        (folder / "relations.csv").write_text(f"subject,relation,object,source\n{relations}\n", encoding="utf-8")
    return folder


def _refers_to_toy(folder: Path) -> Path:
    """A data set whose service and relations name actors defined only in the toy region."""
    return _data_set(
        folder, "far-agency,Far Agency,,public-agency,public,DE125,src,,",
        "far-loans,toy-cluster,Loans,loans,investor,access to debt financing,toy-ministry,toy-vc,signposting,src",
        "far-agency,collaborates_with,toy-university,src\nfar-agency,member-of,toy-cluster,src")


@pytest.mark.parametrize(("scheme", "written", "code"), [
    ("instrument", "loans", "loan"), ("instrument", "Investment", "equity-investment"),
    ("instrument", "grants", "grant"), ("instrument", "mentor", "mentoring"),
    ("actor-type", "national agency", "public-agency"), ("actor-type", "VC", "venture-capital-firm"),
    ("actor-type", "Business  Angels", "business-angel-network"), ("determinant", "business angels", "business-angels"),
])
def test_the_words_people_use_resolve_case_insensitively(settings, scheme, written, code):
    index = taxonomy_index(settings.ontology_dir)[scheme]
    assert index.resolve(written) == index.by_code[code]


def test_a_misspelt_label_or_code_suggests_the_nearest(settings):
    index = taxonomy_index(settings.ontology_dir)
    assert index["determinant"].suggest("Acess to other types of equity")[0] == "Access to other types of equity"
    assert index["instrument"].suggest("mentorin")[0] == "mentoring"
    assert index["sphere"].suggest("completely unrelated words") == []


def test_a_region_code_typo_names_the_sibling_codes(tmp_path, settings, mini_store):
    folder = _data_set(tmp_path / "typo-region", "typo-agency,Typo Agency,,public-agency,public,DE12X,src,,")
    with pytest.raises(LoadError) as info:
        validate_paths([folder], settings, mini_store)
    [problem] = info.value.problems
    assert problem.row == 2 and problem.column == "located_in"
    assert "did you mean 'DE125' or 'DE126'?" in problem.message


def test_an_undefined_actor_suggests_the_defined_ones(tmp_path, settings, mini_store):
    folder = _data_set(tmp_path / "lonely", "lonely-agency,Lonely Agency,,public-agency,public,DE125,src,,",
                       relations="lonely-agnecy,collaborates-with,nobody-at-all,src")
    with pytest.raises(LoadError) as info:
        validate_paths([folder], settings, mini_store)
    messages = {p.column: p.message for p in info.value.problems}
    assert "did you mean 'lonely-agency'?" in messages["subject"]
    assert messages["object"] == "refers to an actor defined neither in actors.csv nor in any loaded data set"


def test_relations_to_actors_already_in_the_store_are_accepted(tmp_path, settings, mini_store):
    load_paths([FIXTURES / "toy-region"], settings, mini_store)
    load_paths([_refers_to_toy(tmp_path / "far-region")], settings, mini_store)
    assert mini_store.ask("ASK { ?s rc:provider ?p ; rc:fundedBy ?f ; rc:signpostsTo ?t }", {
        "s": service_iri("far-loans"), "p": actor_iri("toy-cluster"), "f": actor_iri("toy-ministry"),
        "t": actor_iri("toy-vc")})
    assert mini_store.ask("ASK { ?a rc:collaboratesWith ?b . ?b rc:collaboratesWith ?a . ?a rc:memberOf ?c }", {
        "a": actor_iri("far-agency"), "b": actor_iri("toy-university"), "c": actor_iri("toy-cluster")})


def test_relations_to_actors_of_a_data_set_later_in_the_same_load_are_accepted(tmp_path, settings, mini_store):
    # "a-region" comes before "toy-region" in the load, yet refers to its actors
    graphs = validate_paths([_refers_to_toy(tmp_path / "a-region"), FIXTURES / "toy-region"], settings, mini_store)
    assert (service_iri("far-loans"), RC.provider, actor_iri("toy-cluster")) in graphs["a-region"]
    ministry = _data_set(tmp_path / "b-region", "b-agency,B Agency,,public-agency,public,DE125,src,,",
                         "b-grants,toy-ministry,Grants,grants,investor,access-to-finance,,,,src")
    graph = validate_paths([ministry, FIXTURES / "toy-region"], settings, mini_store)["b-region"]
    assert (service_iri("b-grants"), RDF.type, CPSV.PublicService) in graph  # its provider is a government
    assert (actor_iri("toy-cluster"), RC.actorType, None) not in graphs["a-region"]  # not copied into it


def test_relations_to_actors_loaded_nowhere_are_refused(tmp_path, settings, mini_store):
    with pytest.raises(LoadError) as info:
        validate_paths([_refers_to_toy(tmp_path / "far-region")], settings, mini_store)
    refused = {(p.column, p.value) for p in info.value.problems}
    assert refused == {("provider", "toy-cluster"), ("funded_by", "toy-ministry"), ("signposts_to", "toy-vc"),
                       ("object", "toy-university"), ("object", "toy-cluster")}
    assert all("defined neither in actors.csv nor in any loaded data set" in p.message for p in info.value.problems)


def test_the_own_graph_in_the_store_does_not_count_as_elsewhere(toy_copy, settings, mini_store):
    load_paths([toy_copy], settings, mini_store)
    rows = (toy_copy / "actors.csv").read_text(encoding="utf-8").splitlines()
    (toy_copy / "actors.csv").write_text("\n".join(r for r in rows if not r.startswith("toy-vc,")) + "\n",
                                         encoding="utf-8")
    with pytest.raises(LoadError) as info:
        validate_paths([toy_copy], settings, mini_store)
    assert any(p.value == "toy-vc" and "defined neither" in p.message for p in info.value.problems)


@pytest.mark.parametrize("written", ["collaborates_with", "collaborates-with", "Collaborates with"])
def test_one_relation_spelling_and_the_old_one_is_read(tmp_path, settings, mini_store, written):
    folder = _data_set(tmp_path / "pair", "pair-one,One,,public-agency,public,DE125,src,,\n"
                                          "pair-two,Two,,public-agency,public,DE125,src,,",
                       relations=f"pair-one,{written},pair-two,src")
    graph = validate_paths([folder], settings, mini_store)["pair"]
    assert (actor_iri("pair-two"), RC.collaboratesWith, actor_iri("pair-one")) in graph
