"""A generated graph of 1M+ triples in the model the loader writes: the real NUTS 2024 regions and taxonomies,
and for every level-3 region a set of actors with services and relations, each with its source, data set and
materialised `rc:locatedWithin` / `rc:offeredIn`, as `kg load` would produce from templates.

Run: python bench/generate.py --out /tmp/kg-1m [--actors-per-region 14]  -> an on-disk store, its size printed.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.config import PROJECT_ROOT, Settings
from kg.loading.loader import load_paths
from kg.lookup.catalogue import Regions
from kg.namespaces import BASE, GRAPH, RC, concept
from kg.ontology import taxonomy_index
from kg.store import EmbeddedStore

DATASET = "generated"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SCHEMA_NAME = "https://schema.org/name"
SCHEMA_SERVICE = "https://schema.org/Service"
ORG_ORGANIZATION = "http://www.w3.org/ns/org#Organization"
DCT = "http://purl.org/dc/terms/"
RELATIONS = ("memberOf", "collaboratesWith", "signpostsTo", "coordinates", "funds", "partOf")


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Writer:
    """Quads of the generated data set as N-Quads lines, in its own named graph."""

    def __init__(self) -> None:
        self.graph = _iri(GRAPH + DATASET)
        self.lines: list[str] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} {self.graph} .")


def _codes(name: str, ontology_dir: Path) -> list[str]:
    return sorted(taxonomy_index(ontology_dir)[name].by_code)


def generate(regions: Regions, ontology_dir: Path, actors_per_region: int, seed: int = 7) -> Iterator[str]:
    """N-Quads lines of actors, services and relations for every level-3 region."""
    rng = random.Random(seed)
    codes = {name: _codes(name, ontology_dir) for name in (
        "determinant", "phase", "instrument", "role", "target-group", "service-category", "actor-type", "sphere",
        "delivery-mode")}
    w = _Writer()
    rc = {name: _iri(str(RC[name])) for name in (
        "Actor", "Organisation", "Service", "Relationship", "Dataset", "Source", "actorType", "sphere", "locatedIn",
        "locatedWithin", "provider", "provides", "instrument", "role", "addresses", "phase", "targetGroup",
        "serviceCategory", "deliveryMode", "offeredIn", "sourceLocator", "inDataset", "relationSubject",
        "relationProperty", "relationObject", *RELATIONS)}
    dataset, source = _iri(f"{BASE}id/dataset/{DATASET}"), _iri(f"{BASE}id/source/{DATASET}/generator")
    w.add(dataset, _iri(RDF_TYPE), rc["Dataset"])
    w.add(dataset, _iri(RDFS_LABEL), _lit("Generated benchmark data"))
    w.add(source, _iri(RDF_TYPE), rc["Source"])
    w.add(source, _iri(DCT + "title"), _lit("bench/generate.py"))
    level3 = sorted((r for r in regions.by_iri.values() if r.level == 3), key=lambda r: r.code)
    for region in level3:
        within = [region, *regions.ancestors(region)]
        country = within[-1]
        actors = []
        for n in range(actors_per_region):
            actor = _iri(f"{BASE}id/actor/gen-{region.code.lower()}-{n}")
            actors.append(actor)
            for cls in (rc["Actor"], rc["Organisation"], _iri(ORG_ORGANIZATION)):
                w.add(actor, _iri(RDF_TYPE), cls)
            name = _lit(f"{region.name} actor {n}")
            w.add(actor, _iri(RDFS_LABEL), name)
            w.add(actor, _iri(SCHEMA_NAME), name)
            w.add(actor, rc["actorType"], _iri(concept("actor-type", rng.choice(codes["actor-type"]))))
            w.add(actor, rc["sphere"], _iri(concept("sphere", rng.choice(codes["sphere"]))))
            w.add(actor, rc["locatedIn"], _iri(str(region.iri)))
            for area in within:
                w.add(actor, rc["locatedWithin"], _iri(str(area.iri)))
            for p, o in ((_iri(DCT + "source"), source), (rc["sourceLocator"], _lit(f"row {n}")),
                         (rc["inDataset"], dataset)):
                w.add(actor, p, o)
            for k in range(2):
                service = _iri(f"{BASE}id/service/gen-{region.code.lower()}-{n}-{k}")
                w.add(service, _iri(RDF_TYPE), rc["Service"])
                w.add(service, _iri(RDF_TYPE), _iri(SCHEMA_SERVICE))
                label = _lit(f"{region.name} service {n}.{k}")
                w.add(service, _iri(RDFS_LABEL), label)
                w.add(service, _iri(SCHEMA_NAME), label)
                w.add(service, rc["provider"], actor)
                w.add(actor, rc["provides"], service)
                for prop, scheme, count in (("instrument", "instrument", 1), ("role", "role", 1),
                                            ("addresses", "determinant", 2), ("phase", "phase", 2),
                                            ("targetGroup", "target-group", 1),
                                            ("serviceCategory", "service-category", 1),
                                            ("deliveryMode", "delivery-mode", 1)):
                    for code in rng.sample(codes[scheme], count):
                        w.add(service, rc[prop], _iri(concept(scheme, code)))
                area = country if rng.random() < 0.05 else region  # a few national programmes
                w.add(service, rc["offeredIn"], _iri(str(area.iri)))
                for p, o in ((_iri(DCT + "source"), source), (rc["sourceLocator"], _lit(f"row {n}.{k}")),
                             (rc["inDataset"], dataset)):
                    w.add(service, p, o)
        for n, actor in enumerate(actors):
            other = actors[(n + 1) % len(actors)]
            relation = rng.choice(RELATIONS)
            w.add(actor, rc[relation], other)
            record = _iri(f"{BASE}id/relationship/{DATASET}/{region.code.lower()}-{n}")
            for p, o in ((_iri(RDF_TYPE), rc["Relationship"]), (rc["relationSubject"], actor),
                         (rc["relationProperty"], rc[relation]), (rc["relationObject"], other),
                         (_iri(DCT + "source"), source), (rc["inDataset"], dataset)):
                w.add(record, p, o)
        yield from w.lines
        w.lines.clear()


def build(path: Path, actors_per_region: int = 14) -> tuple[int, str]:
    """An on-disk store at `path` with the ontology, the NUTS regions and the generated data set.

    Returns the triple count and a level-3 region code that has data."""
    settings = Settings(store="embedded", store_path=path, _env_file=None)
    store = EmbeddedStore(path)
    load_paths([PROJECT_ROOT / "data" / "regions-nuts2024"], settings, store)
    regions = Regions.read(store)
    store.close()
    with tempfile.NamedTemporaryFile("w", suffix=".nq", delete=False, encoding="utf-8") as out:
        for line in generate(regions, settings.ontology_dir, actors_per_region):
            out.write(line + "\n")
    raw = ox.Store(str(path))
    raw.bulk_load(path=out.name, format=ox.RdfFormat.N_QUADS)
    raw.flush()
    count = len(raw)
    del raw
    Path(out.name).unlink()
    sample = next(r.code for r in sorted(regions.by_iri.values(), key=lambda r: r.code) if r.level == 3)
    return count, sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the on-disk store (must not exist)")
    parser.add_argument("--actors-per-region", type=int, default=14)
    args = parser.parse_args()
    started = time.perf_counter()
    count, sample = build(args.out, args.actors_per_region)
    print(f"{count} triples in {args.out} ({time.perf_counter() - started:.1f} s); a region with data: {sample}")


if __name__ == "__main__":
    main()
