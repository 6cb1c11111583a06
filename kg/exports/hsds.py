"""Open Referral HSDS 3.0: organizations, services, service areas, taxonomies, taxonomy terms, attributes
and funding, as the tabular package (CSV files with a datapackage.json) and as JSON service objects.

HSDS identifiers are UUIDs: each is derived from the IRI of what it describes (UUID v5), so an export of the
same graph always yields the same ids and a consumer can update rather than duplicate.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from datetime import date
from pathlib import Path

from kg.exports.cells import spreadsheet_safe
from kg.exports.data import ExportData
from kg.lookup.records import ActorRecord, ConceptRef, ServiceRecord

# table -> (file name, columns), in HSDS 3.0 order
TABLES: dict[str, tuple[str, list[str]]] = {
    "organization": ("organizations.csv", ["id", "name", "description", "website", "legal_status", "uri",
                                           "parent_organization_id"]),
    "service": ("services.csv", ["id", "organization_id", "name", "description", "url", "status"]),
    "service_area": ("service_areas.csv", ["id", "service_id", "name", "description", "uri"]),
    "taxonomy": ("taxonomies.csv", ["id", "name", "description", "uri"]),
    "taxonomy_term": ("taxonomy_terms.csv", ["id", "code", "name", "description", "parent_id", "taxonomy",
                                             "language", "taxonomy_id", "term_uri"]),
    "attribute": ("attributes.csv", ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"]),
    "funding": ("funding.csv", ["id", "organization_id", "service_id", "source"]),
}

SERVICE_FACETS = ("determinants", "phases", "target_groups", "instruments", "roles", "categories", "sectors")


def hsds_id(*iris: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, " ".join(iris)))


class _Tables:
    def __init__(self, data: ExportData):
        self.data = data
        self.rows: dict[str, list[dict]] = {name: [] for name in TABLES}
        self.terms: dict[str, dict] = {}
        self.taxonomies: set[str] = set()
        self.funded = {e.target: [] for e in data.edges}
        for edge in data.edges:
            if edge.relation == "funds" and edge.via is None:
                self.funded[edge.target].append(edge.source)
        self.parents = {e.source: e.target for e in data.edges if e.relation == "part-of"}

    def term(self, concept: ConceptRef) -> dict:
        """The taxonomy_term row of a concept (and of its broader concepts and scheme), added once."""
        if concept.iri in self.terms:
            return self.terms[concept.iri]
        concepts = self.data.catalogue.concepts
        record = concepts.by_iri[concept.iri]
        scheme = concepts.schemes[record.scheme]
        parent = concepts.ref(record.broader) if record.broader else None
        row = {
            "id": hsds_id(record.iri), "code": record.code, "name": record.label,
            "description": record.definition or record.label,
            "parent_id": self.term(parent)["id"] if parent else "", "taxonomy": scheme.label, "language": "en",
            "taxonomy_id": hsds_id(scheme.iri), "term_uri": record.iri,
        }
        if row["taxonomy_id"] not in self.taxonomies:
            self.taxonomies.add(row["taxonomy_id"])
            self.rows["taxonomy"].append({"id": row["taxonomy_id"], "name": scheme.label,
                                          "description": f"{scheme.label} of the regional collaboration systems "
                                                         f"ontology", "uri": scheme.iri})
        self.terms[concept.iri] = row
        self.rows["taxonomy_term"].append(row)
        return row

    def attribute(self, link_iri: str, link_entity: str, link_type: str, concept: ConceptRef) -> dict:
        term = self.term(concept)
        row = {"id": hsds_id(link_iri, concept.iri, link_type), "link_id": hsds_id(link_iri),
               "taxonomy_term_id": term["id"], "link_type": link_type, "link_entity": link_entity, "value": ""}
        self.rows["attribute"].append(row)
        return row

    def organization(self, actor: ActorRecord) -> None:
        parent = self.parents.get(actor.iri)
        kinds = ", ".join(t.label for t in actor.types) or "Organisation"
        seat = f" in {actor.seat.name}" if actor.seat else ""
        self.rows["organization"].append({
            "id": hsds_id(actor.iri), "name": actor.name,
            "description": actor.description or f"{kinds}{seat}.",
            "website": actor.website or "", "legal_status": actor.sphere.label if actor.sphere else "",
            "uri": actor.iri, "parent_organization_id": hsds_id(parent) if parent else "",
        })
        for concept in [*actor.types, *actor.sectors]:
            self.attribute(actor.iri, "organization", concept.scheme, concept)
        for source in self.funded.get(actor.iri, []):
            funder = self.data.actor(source)
            self.rows["funding"].append({"id": hsds_id(source, "funds", actor.iri),
                                         "organization_id": hsds_id(actor.iri), "service_id": "",
                                         "source": funder.name if funder else source})

    def service(self, service: ServiceRecord) -> None:
        self.rows["service"].append({
            "id": hsds_id(service.iri),
            "organization_id": hsds_id(service.provider.iri) if service.provider else "",
            "name": service.name, "description": service.description or "", "url": service.website or "",
            "status": _status(service),
        })
        for area in service.offered_in:
            self.rows["service_area"].append({"id": hsds_id(service.iri, area.iri), "service_id": hsds_id(service.iri),
                                              "name": area.name, "description": f"{area.name} ({area.code})",
                                              "uri": area.iri})
        for facet in SERVICE_FACETS:
            for concept in getattr(service, facet):
                self.attribute(service.iri, "service", concept.scheme, concept)
        if service.delivery:
            self.attribute(service.iri, "service", service.delivery.scheme, service.delivery)
        for funder in service.funded_by:
            self.rows["funding"].append({"id": hsds_id(funder.iri, "funds", service.iri), "organization_id": "",
                                         "service_id": hsds_id(service.iri), "source": funder.name})


def _status(service: ServiceRecord) -> str:
    """active, or inactive once its validity has ended."""
    until = (service.valid_until or "")[:4]
    return "inactive" if until.isdigit() and int(until) < date.today().year else "active"


def hsds_tables(data: ExportData) -> dict[str, list[dict]]:
    tables = _Tables(data)
    for actor in data.actors:
        tables.organization(actor)
    for service in data.services:
        tables.service(service)
    return tables.rows


def hsds_json(data: ExportData) -> dict:
    """An HSDS 3.0 API page of service objects, each with its organization, service areas, attributes
    (with their taxonomy terms) and funding nested, as `/services` of an HSDS API returns them."""
    return _page(hsds_tables(data))


def _by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def _page(rows: dict[str, list[dict]]) -> dict:
    terms = {t["id"]: t for t in rows["taxonomy_term"]}
    organizations = {o["id"]: o for o in rows["organization"]}
    attributes = _by([{**a, "taxonomy_term": terms[a["taxonomy_term_id"]]} for a in rows["attribute"]], "link_id")
    areas = _by(rows["service_area"], "service_id")
    org_funding = _by(rows["funding"], "organization_id")
    service_funding = _by(rows["funding"], "service_id")
    contents = []
    for service in rows["service"]:
        org = organizations.get(service["organization_id"])
        contents.append({
            **service,
            "organization": {**org, "attributes": attributes.get(org["id"], []),
                             "funding": org_funding.get(org["id"], [])} if org else None,
            "service_areas": areas.get(service["id"], []),
            "attributes": attributes.get(service["id"], []),
            "funding": service_funding.get(service["id"], []),
        })
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1, "size": len(contents),
            "first_page": True, "last_page": True, "empty": not contents, "contents": contents}


def _csv(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def _datapackage() -> dict:
    return {
        "name": "rckg-hsds", "profile": "tabular-data-package",
        "resources": [
            {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "schema": {"fields": [{"name": c, "type": "string"} for c in columns]}}
            for name, (path, columns) in TABLES.items()
        ],
    }


def hsds_files(data: ExportData) -> dict[str, bytes]:
    """The tabular package and the JSON page, by file name."""
    rows = hsds_tables(data)
    files = {path: _csv(columns, rows[name]).encode() for name, (path, columns) in TABLES.items()}
    files["datapackage.json"] = json.dumps(_datapackage(), indent=2).encode()
    files["services.json"] = json.dumps(_page(rows), indent=2, ensure_ascii=False).encode()
    return files


def hsds_zip(data: ExportData) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in hsds_files(data).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def write_hsds(data: ExportData, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in hsds_files(data).items():
        (folder / name).write_bytes(content)
        written.append(folder / name)
    return written
