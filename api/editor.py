"""The SPARQL editor page (YASGUI, vendored under api/static/yasgui): analysts write queries in the browser
against this server's read-only /sparql, with nothing fetched from other hosts."""

from __future__ import annotations

import json

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from kg.namespaces import PREFIXES

ASSETS = "/static/yasgui"

EXAMPLE = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in ("rc", "skos", "rdfs", "nuts", "det")) + """
# Who provides services addressing access to finance (or one of its sub-determinants) in Mannheim (DE126)?
SELECT ?actorName ?serviceName ?addressed WHERE {
  nuts:DE126 (rc:withinRegion|^rc:withinRegion)? ?area .
  ?service rc:offeredIn ?area ; rc:provider ?actor ; rc:addresses ?d ; rdfs:label ?serviceName .
  ?d skos:broader* det:access-to-finance ; skos:notation ?addressed .
  ?actor rdfs:label ?actorName .
}
ORDER BY ?actorName
"""

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SPARQL editor – Regional collaboration systems</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="{root}{assets}/yasgui.min.css">
<style>body{{font-family:system-ui,sans-serif;margin:0 1.5rem}} header{{padding:.8rem 0}}</style></head>
<body><header><a href="{root}/">Regional collaboration systems</a> · SPARQL editor for
<code>{root}/sparql</code> (read-only; SERVICE and updates are refused)</header>
<div id="yasgui"></div>
<script src="{root}{assets}/yasgui.min.js"></script>
<script>
const endpoint = new URL("{root}/sparql", window.location.href).toString();
new Yasgui(document.getElementById("yasgui"), {{
  requestConfig: {{ endpoint: endpoint, method: "POST" }},
  copyEndpointOnNewTab: false,
  endpointCatalogueOptions: {{ getData: () => [{{ endpoint: endpoint }}] }},
  persistenceId: "rckg-sparql-editor",
  yasqe: {{ value: {example}, autocompleters: ["variables"] }},
}});
</script></body></html>
"""


def install(app: FastAPI) -> None:

    @app.get("/sparql/editor", include_in_schema=False)
    async def editor(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        return HTMLResponse(PAGE.format(root=root, assets=ASSETS, example=json.dumps(EXAMPLE)))
