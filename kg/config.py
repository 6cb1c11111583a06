"""Settings in one object, read from environment variables (prefix KG_) and an optional .env file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KG_", env_file=".env", extra="ignore")

    store: Literal["embedded", "memory", "remote"] = "embedded"
    store_path: Path = PROJECT_ROOT / "var" / "store"
    remote_query_url: str = "http://127.0.0.1:7878/query"
    remote_update_url: str = "http://127.0.0.1:7878/update"
    remote_timeout_s: float = 60.0
    # remote store: the URL parameter that asks for the union default graph (Oxigraph server); empty for a server
    # whose default graph already is the union (docs/remote.md)
    remote_union_param: str = "union-default-graph"

    ontology_dir: Path = PROJECT_ROOT / "ontology"
    data_dir: Path = PROJECT_ROOT / "data"

    query_timeout_s: float = 30.0
    max_rows: int = 10_000
    write_token: str | None = None
    cors_origins: list[str] = []
    max_upload_bytes: int = 20 * 1024 * 1024
    # upload caps: applied by the readers (kg/loading/caps.py), so `kg load`, `kg validate` and uploads share them
    max_upload_rows: int = 20_000
    max_upload_columns: int = 200
    max_upload_cells: int = 1_000_000
    max_upload_file_bytes: int = 64 * 1024 * 1024
    max_upload_triples: int = 1_000_000
    max_upload_unzipped_bytes: int = 100 * 1024 * 1024
    max_upload_zip_ratio: int = 200
