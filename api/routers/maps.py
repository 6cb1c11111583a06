"""Placeholder: filled in by the pages work (issue 10)."""

from fastapi import APIRouter

router = APIRouter(tags=["pages"])
