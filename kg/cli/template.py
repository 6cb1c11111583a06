"""`kg template DIR|FILE.xlsx`: write the template workbook a data steward fills (kg.loading.workbook)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def template(
        target: Annotated[Path, typer.Argument(help="A folder (gets template.xlsx) or a .xlsx file to write")],
    ) -> None:
        """Write the template workbook: one sheet per table, drop-down lists of the taxonomy codes, instructions
        generated from the loader's column definitions, and an example row per table that loads."""
        from kg.cli.main import _settings, run
        from kg.cli.output import console
        from kg.loading.workbook import write_template
        from kg.ontology import taxonomy_index

        def body() -> None:
            ontology_dir = _settings().ontology_dir
            path = write_template(target, taxonomy_index(ontology_dir), ontology_dir)
            console.print(f"wrote {path}: fill it, then `kg validate {path}`")

        run(body)
