"""Configuration from the environment (and an optional `.env` file)."""

import os
from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./data/incidents.db"
    host: str = "127.0.0.1"
    port: int = 8000
    # Unset: one per CPU on PostgreSQL, one on SQLite (the embedded demo). SQLite serves several
    # processes safely too (readers in parallel under WAL, writers in turn with BEGIN IMMEDIATE).
    workers: int | None = Field(None, ge=1)
    log_level: str = "INFO"
    cors_origins: list[str] = Field(default_factory=list)
    # Signs pagination cursors. Every worker must share it; set it in production.
    secret_key: str = "dev-only-secret-change-me"
    # Reads without an API key (the local demo); writes always need an editor key.
    open_reads: bool = True
    # If set, made an admin key at startup (stored hashed): how a fresh deployment gets its first key.
    bootstrap_admin_key: SecretStr | None = None
    idempotency_ttl_hours: int = 24
    max_body_bytes: int = 1024 * 1024

    def worker_count(self) -> int:
        if self.workers is not None:
            return self.workers
        from app.db import is_sqlite

        if is_sqlite(self.database_url):
            return 1
        return os.cpu_count() or 1


@lru_cache
def get_settings() -> Settings:
    return Settings()
