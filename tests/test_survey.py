"""The survey of seed 001 (§3.1-3.2, Figures 5-8) as data, and CQ 10 answering the survey's share and the
graph's own share side by side. The survey's values are read back from the Turtle with rdflib, and the graph's
shares counted from the toy region's CSV files, so neither side of the answer is checked against itself."""

from __future__ import annotations

import csv
from collections.abc import Iterator

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg.config import PROJECT_ROOT
from kg.loading.loader import load_paths
from tests.conftest import FIXTURES
from tests.test_queries import ask

SURVEY = PROJECT_ROOT / "data" / "survey-cluster-organisations"
CATEGORIES = PROJECT_ROOT / "ontology" / "taxonomies" / "service-categories.ttl"
RC = Namespace("https://w3id.org/rckg/ontology#")


@pytest.fixture(scope="module")
def survey() -> Graph:
    graph = Graph()
    for path in SURVEY.glob("*.ttl"):
        graph.parse(path)
    return graph


@pytest.fixture
def survey_store(settings, mini_store):
    load_paths([SURVEY, FIXTURES / "toy-region"], settings, mini_store)
    return mini_store


def _observations(graph: Graph) -> Iterator[URIRef]:
    yield from graph.subjects(RDF.type, RC.SurveyObservation)


def _category_codes() -> set[str]:
    graph = Graph().parse(CATEGORIES)
    return {str(graph.value(c, SKOS.notation)) for c in graph.subjects(RDF.type, RC.ServiceCategory)}


def test_every_service_category_has_one_survey_finding_as_a_number_or_in_words(survey):
    found: dict[str, list[URIRef]] = {}
    for observation in _observations(survey):
        for category in survey.objects(observation, RC.observedCategory):
            found.setdefault(str(category).rsplit("/", 1)[-1], []).append(observation)
    assert set(found) == _category_codes()
    for category, observations in found.items():
        assert len(observations) == 1, category
        (observation,) = observations
        assert survey.value(observation, RC.value) is not None or survey.value(observation, RC.statedShare), category


def test_every_observation_has_population_question_and_source(survey):
    observations = list(_observations(survey))
    assert observations
    for observation in observations:
        population = survey.value(observation, RC.population)
        assert population is not None and survey.value(population, RC.populationSize) is not None, observation
        assert survey.value(observation, RC.question), observation
        assert survey.value(observation, URIRef("http://purl.org/dc/terms/source")) is not None, observation
        assert survey.value(observation, RC.sourceLocator) and survey.value(observation, RC.sourceQuote), observation


def test_counts_and_shares_agree_with_their_population(survey):
    """A share stated beside a count is the count over the population, as the seed rounds it (420 / 690: 60.8 %)."""
    checked = 0
    for observation in _observations(survey):
        count, value = survey.value(observation, RC["count"]), survey.value(observation, RC.value)
        size = int(survey.value(survey.value(observation, RC.population), RC.populationSize))
        if count is not None:
            assert int(count) <= size, observation
        if count is not None and value is not None:
            assert float(value) == pytest.approx(100 * int(count) / size, abs=0.1), observation
            checked += 1
    assert checked


def test_every_stated_percentage_is_in_its_quote(survey):
    """A value cannot drift from the passage it cites: '80' must be in '80 percent of cluster organisations'."""
    for observation in _observations(survey):
        value = survey.value(observation, RC.value)
        if value is not None:
            number = f"{float(value):g}"
            assert any(number in str(q) for q in survey.objects(observation, RC.sourceQuote)), observation


def _toy_graph_shares() -> tuple[int, dict[str, int]]:
    actors = list(csv.DictReader((FIXTURES / "toy-region" / "actors.csv").open(encoding="utf-8")))
    clusters = {a["id"] for a in actors if "cluster-organisation" in a["actor_type"].split(";")}
    offering: dict[str, set[str]] = {}
    for service in csv.DictReader((FIXTURES / "toy-region" / "services.csv").open(encoding="utf-8")):
        if service["provider"] in clusters:
            for category in filter(None, service["service_category"].split(";")):
                offering.setdefault(category, set()).add(service["provider"])
    return len(clusters), {c: len(p) for c, p in offering.items()}


def test_cq10_answers_the_survey_share_beside_the_graph_share(survey, survey_store):
    rows = {r["category"]: r for r in ask(survey_store, "cq10-cluster-organisation-service-shares")}
    assert set(rows) == _category_codes()
    expected_survey = {}
    for observation in _observations(survey):
        category = str(survey.value(observation, RC.observedCategory) or "").rsplit("/", 1)[-1]
        if category:
            expected_survey[category] = (survey.value(observation, RC.value), survey.value(observation, RC.statedShare))
    clusters, offering = _toy_graph_shares()
    for category, row in rows.items():
        value, words = expected_survey[category]
        if value is None:
            assert row["surveyPercent"] == "", category
        else:
            assert float(row["surveyPercent"]) == pytest.approx(float(value)), category
        assert row["surveyStated"] == ("" if words is None else str(words)), category
        assert int(row["surveyBase"]) == 25 and "Figure 8" in row["surveySource"], category
        assert int(row["graphClusterOrganisations"]) == clusters
        assert int(row["graphOffering"]) == offering.get(category, 0)
        assert float(row["graphPercent"]) == pytest.approx(100 * offering.get(category, 0) / clusters, abs=0.05)
