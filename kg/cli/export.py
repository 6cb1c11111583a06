"""`kg export`: the graph (or one region) in HSDS, CPSV-AP, schema.org JSON-LD or GraphML."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

CPSV_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}


class Standard(StrEnum):
    hsds = "hsds"
    cpsv = "cpsv"
    schemaorg = "schemaorg"
    graphml = "graphml"


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        standard: Annotated[Standard, typer.Argument(help="hsds (a folder of CSV + JSON), cpsv (.ttl, .nt, .jsonld), "
                                                          "schemaorg (.jsonld) or graphml")],
        out: Annotated[Path, typer.Option("--out", help="Output folder (hsds) or file")],
        region: Annotated[str | None, typer.Option(help="Only this region (code or name)")] = None,
    ) -> None:
        """Export actors and services in an exchange standard, read from the store."""
        from kg.cli.main import run
        from kg.cli.output import console
        from kg.config import Settings
        from kg.errors import StoreError
        from kg.exports.cpsv import cpsv_graph
        from kg.exports.data import read_export
        from kg.exports.graphml import graphml_bytes
        from kg.exports.hsds import write_hsds
        from kg.exports.schemaorg import schemaorg_document
        from kg.lookup.catalogue import Catalogue
        from kg.namespaces import PREFIXES
        from kg.store import open_store

        def body() -> None:
            settings = Settings()
            store = open_store(settings, read_only=True)
            try:
                if store.triple_count() == 0:
                    raise StoreError("the store is empty: load data first (kg load)")
                data = read_export(store, Catalogue(settings.ontology_dir, store), region)
                if standard is Standard.hsds:
                    written = write_hsds(data, out)
                else:
                    out.parent.mkdir(parents=True, exist_ok=True)
                    if standard is Standard.cpsv:
                        graph = cpsv_graph(data)
                        fmt = CPSV_FORMATS.get(out.suffix.lower(), "turtle")
                        extra = {"context": dict(PREFIXES), "auto_compact": True} if fmt == "json-ld" else {}
                        out.write_bytes(graph.serialize(format=fmt, encoding="utf-8", **extra))
                    elif standard is Standard.schemaorg:
                        out.write_text(json.dumps(schemaorg_document(data), indent=2, ensure_ascii=False),
                                       encoding="utf-8")
                    else:
                        out.write_bytes(graphml_bytes(data))
                    written = [out]
                console.print(f"{len(data.actors)} actors, {len(data.services)} services → "
                              + ", ".join(str(p) for p in written), highlight=False)
            finally:
                store.close()

        run(body)
