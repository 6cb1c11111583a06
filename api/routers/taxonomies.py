"""The SKOS taxonomies (determinants, phases, instruments, ...): schemes and their concepts."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CatalogueDep
from kg.lookup.records import ConceptRecord, SchemeRecord

router = APIRouter(tags=["taxonomies"])


@router.get("/taxonomies", response_model=list[SchemeRecord], summary="The concept schemes")
def taxonomies(catalogue: CatalogueDep) -> list[SchemeRecord]:
    return sorted(catalogue.concepts.schemes.values(), key=lambda s: s.name)


@router.get("/taxonomies/{scheme}", response_model=list[ConceptRecord],
            summary="The concepts of one scheme, with codes, labels and broader concepts")
def taxonomy(scheme: str, catalogue: CatalogueDep) -> list[ConceptRecord]:
    return catalogue.concepts.in_scheme(scheme)


@router.get("/taxonomies/{scheme}/{code}", response_model=ConceptRecord, summary="One concept by code or label")
def concept(scheme: str, code: str, catalogue: CatalogueDep) -> ConceptRecord:
    return catalogue.concepts.by_iri[str(catalogue.concepts.resolve(scheme, code))]
