"""`kg serve`: the HTTP API with uvicorn, on the configured store (embedded on disk by default)."""

from __future__ import annotations

from typing import Annotated

import typer

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to bind; anything but loopback exposes the server")] = (
            "127.0.0.1"),
        port: Annotated[int, typer.Option(help="TCP port")] = 8000,
        query_workers: Annotated[int, typer.Option(min=1, max=32, help="SPARQL worker processes")] = 2,
    ) -> None:
        """Serve the REST API, pages, exports and SPARQL endpoint (loads the bundled data into an empty store)."""
        import uvicorn

        from api import create_app
        from kg.cli.main import run
        from kg.cli.output import console, err_console
        from kg.config import Settings
        from kg.loading.loader import load_paths
        from kg.logsafe import uvicorn_log_config
        from kg.store import open_store

        def body() -> None:
            settings = Settings()
            store = open_store(settings)
            try:
                if store.triple_count() == 0:
                    err_console.print(f"the store is empty: loading {settings.data_dir} ...")
                    loaded = load_paths([settings.data_dir], settings, store,
                                        lambda ds: err_console.print(f"  {ds}", highlight=False))
                    err_console.print(f"loaded {len(loaded)} data sets, {store.triple_count()} triples")
                if host not in LOOPBACK:
                    err_console.print(f"[yellow]serving on {host}, beyond loopback:[/yellow] anyone who reaches "
                                      f"it can read the graph (uploads still need the write token)")
                app_ = create_app(settings, store, query_workers)
                app_.state.sparql.start()
                console.print(f"API on http://{host}:{port}/  (docs: /docs, SPARQL: /sparql)", highlight=False)
                uvicorn.run(app_, host=host, port=port, log_level="info", log_config=uvicorn_log_config())
            finally:
                store.close()

        run(body)
