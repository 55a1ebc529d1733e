from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class StoreSettings(BaseSettings):
    """Where files are kept; read from FILES_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="FILES_")

    root_dir: str = "/srv/files"
    max_size_mb: int = 50
    cache_url: str = Field(default="redis://localhost:6379/0", validation_alias="CACHE_URL")


class LegacySettings(BaseSettings):
    api_token: str = ""

    class Config:
        env_prefix = "LEGACY_"


class Paths:
    tmp_dir: str = "/tmp"
